/**
 * The receipt of an application just submitted (from its envelope: nothing personal): the
 * receipt number very large in its groups (read aloud digit by digit), what happens next (a
 * reservation: the centre will confirm), how to check it later, the 1279 phone, 접수증 인쇄 (the
 * core's receipt sheet, previewed in the app) and 처음으로. A kiosk with no receipt numbers left
 * says plainly that the number comes once the application is sent, and who can find it meanwhile.
 *
 * How it stands is the outbox's word, never assumed: while the application is only sealed on
 * this device (offline, the hub down) the screen says it is kept safely here and goes to the
 * agency once the internet connects; once the hub has it, that it was received (or, for a
 * reservation, requested); refused by the hub, that it has not reached the agency yet. It asks
 * again on each `outbox.changed`, so it changes by itself when the uploader sends it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { CentrePhone } from '../components/CentrePhone';
import { Icon } from '../components/Icon';
import { PrintPreview, type PreviewSource } from '../components/PrintPreview';
import { useHtmlPrint } from '../components/PrintSheet';
import { receiptGroups } from '../lib/number-format';
import { apiError } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import { receiptState } from '../../../core/contract/receipt-state';

/** The digits one by one, groups apart: "1 2 3 4, 5 6 7 8, 9" (a speech voice reads 12345678 as a number). */
const spokenDigits = (receipt: string) =>
  receiptGroups(receipt)
    .map((g) => g.split('').join(' '))
    .join(', ');

type Stands = 'pending' | 'sent' | 'attention';

/** The application's state in the outbox: pending as submitted, asked again whenever the outbox changes (a failed ask keeps what was known). */
function useStands(clientId: string): Stands {
  const [stands, setStands] = useState<Stands>('pending');
  const [asked, setAsked] = useState(0);
  useEffect(() => api.on('outbox.changed', () => setAsked((n) => n + 1)), []);
  useEffect(() => {
    const ctl = new AbortController();
    api.applicationState({ clientId }, { signal: ctl.signal }).then(
      (s) => setStands(s.state),
      (e: unknown) => {
        if (!ctl.signal.aborted) console.error(`application state failed: ${apiError(e).code}`);
      },
    );
    return () => ctl.abort();
  }, [clientId, asked]);
  return stands;
}

export function Receipt({ clientId, service, receipt, submitted }: { clientId: string; service: string; receipt: string | null; submitted: 'received' | 'requested' }) {
  const { t } = useTranslation();
  const stands = useStands(clientId);
  const state = stands === 'sent' ? submitted : stands;
  const standing = receiptState({ submitted, refused: stands === 'attention', pending: stands === 'pending' });
  const stateText = t(standing.key, standing.values);
  const lang = useLang();
  const { home, go } = useNav();
  const sheet = useHtmlPrint(t('receipt.printTitle'));
  const [preview, setPreview] = useState<(PreviewSource & { kind: 'html' }) | null>(null);
  const [printFailed, setPrintFailed] = useState(false);
  const showSheet = async () => {
    setPrintFailed(false);
    try {
      const s = await api.receiptSheet({ clientId, lang });
      setPreview({ kind: 'html', html: s.html, css: s.css, lang });
    } catch (e) {
      const err = apiError(e);
      console.error(`receipt sheet failed: ${err.code}`, err.requestId ?? '');
      setPrintFailed(true);
    }
  };
  return (
    <div className="receipt" data-submitted={submitted}>
      <h1>{t('receipt.title')}</h1>
      <p className="receipt-service">
        {t('receipt.service')}: <strong>{t(`forms.service.${service}`)}</strong>
      </p>
      {receipt ? (
        <section className="receipt-box" data-receipt={receipt}>
          <h2>{t('receipt.number')}</h2>
          <p className="receipt-number">
            <span className="receipt-groups" aria-hidden="true" data-speak="skip" data-receipt-shown="">
              {receiptGroups(receipt).map((g, i) => (
                <span key={i} className="receipt-group">
                  {i > 0 && <span className="receipt-dash">-</span>}
                  {g}
                </span>
              ))}
            </span>
            <span className="sr">{t('receipt.spoken', { digits: spokenDigits(receipt) })}</span>
          </p>
          <p className="receipt-keep">{t('receipt.keep')}</p>
        </section>
      ) : (
        <p className="note receipt-none" role="note" data-receipt="none">
          {t('receipt.noNumber')}
        </p>
      )}
      <section className="receipt-next">
        <h2>{t('receipt.next')}</h2>
        <p className="receipt-state" data-state={state} aria-live="polite">
          {stateText}
        </p>
        {stands !== 'attention' && <p>{t(submitted === 'requested' ? 'receipt.nextRequested' : 'receipt.nextReceived')}</p>}
        {receipt && <p>{t('receipt.lookupHint')}</p>}
      </section>
      <CentrePhone lead={t('receipt.call')} big />
      <div className="apply-actions">
        <button type="button" className="big-button" onClick={() => void showSheet()} disabled={sheet.busy} data-receipt-action="print">
          <Icon name="print" size={32} /> {t('receipt.print')}
        </button>
        <button type="button" className="big-button secondary" onClick={home} data-receipt-action="home">
          {t('nav.home')}
        </button>
        {receipt && (
          <button type="button" className="action-button secondary" onClick={() => go({ name: 'lookup' })} data-receipt-action="lookup">
            {t('receipt.lookup')}
          </button>
        )}
      </div>
      {(printFailed || sheet.error) && (
        <p className="note warn" role="alert" data-error="print">
          {t('receipt.printSoon')}
        </p>
      )}
      {preview && <PrintPreview source={preview} title={t('receipt.printTitle')} onPrint={() => void sheet.run(() => Promise.resolve(preview))} onClose={() => setPreview(null)} />}
      {sheet.root}
    </div>
  );
}
