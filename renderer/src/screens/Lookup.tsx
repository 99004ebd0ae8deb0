/**
 * 신청 확인: the status of an application by its receipt number and the phone number given on it
 * (KioskApi receiptStatus, asked of the hub: a kiosk that is online). Both typed on the number
 * pad — one pad, under the field it types into — and shown as typed (1234-5678-9,
 * 010-1234-5678). The answer in plain words: received; requested (waiting for the centre);
 * confirmed; declined, with the centre's reason. A number or phone that does not match says so
 * and what to do; a kiosk that is offline says so, and one not yet enrolled with a hub says that, with 1279 to call.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/contract/kiosk-api';
import { api } from '../api';
import { CentrePhone } from '../components/CentrePhone';
import { digitsOnly, NumberPad } from '../components/NumberPad';
import { momentShown, phoneShown, receiptShown } from '../lib/number-format';
import { apiError } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';

type Status = Output<'receiptStatus'>;
type Answer = { ok: Status } | { failed: 'not_found' | 'unavailable' | 'not_enrolled' | 'other' };

const RECEIPT_DIGITS = 9;
const PHONE_DIGITS = 11;
/** the shortest Korean number (1588-1234) */
const PHONE_MIN = 8;

export function Lookup() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setStepBack } = useNav();
  const [receipt, setReceipt] = useState('');
  const [phone, setPhone] = useState('');
  const [active, setActive] = useState<'receipt' | 'phone'>('receipt');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const ready = receipt.length === RECEIPT_DIGITS && phone.length >= PHONE_MIN;

  // 뒤로 from an answer goes back to the numbers
  useEffect(() => {
    setStepBack(answer ? () => (setAnswer(null), true) : null);
    return () => setStepBack(null);
  }, [answer, setStepBack]);

  const check = async () => {
    setBusy(true);
    try {
      const s = await api.receiptStatus({ receipt: receiptShown(receipt), phone: phoneShown(phone) });
      setAnswer({ ok: s });
    } catch (e) {
      const err = apiError(e);
      console.error(`receipt status: ${err.code}`, err.requestId ?? '');
      // a receipt whose check digit does not add up was mistyped: as plain as one not found
      setAnswer({ failed: err.code === 'not_found' || (err.code === 'bad_request' && (err.field === 'receipt' || err.field === 'phone')) ? 'not_found' : err.code === 'unavailable' ? (err.reason === 'not_enrolled' ? 'not_enrolled' : 'unavailable') : 'other' });
    } finally {
      setBusy(false);
    }
  };
  const when = (iso: string) => momentShown(iso, lang);

  const field = (name: 'receipt' | 'phone', value: string, shown: string, max: number, set: (d: string) => void, example?: string) => (
    <div className="ff-field lookup-field" data-field={name}>
      <label htmlFor={`lookup-${name}`} className="ff-label">
        {t(`lookup.${name}`)}
      </label>
      <input
        id={`lookup-${name}`}
        className="ff-input ff-digits"
        type="text"
        inputMode="none"
        autoComplete="off"
        placeholder={example}
        value={shown}
        onFocus={() => setActive(name)}
        onClick={() => setActive(name)}
        onChange={(e) => set(digitsOnly(e.target.value, max))}
        aria-describedby={name === 'receipt' ? 'lookup-need' : undefined}
      />
      {active === name && (
        <div className="ff-keys" data-keys-for={name}>
          <NumberPad value={value} onChange={set} maxLength={max} label={t('apply.padFor', { field: t(`lookup.${name}`) })} />
        </div>
      )}
    </div>
  );

  if (answer)
    return (
      <div className="lookup" data-answer={'ok' in answer ? answer.ok.status : answer.failed}>
        <h1>{t('lookup.title')}</h1>
        {'ok' in answer ? (
          <section className={`lookup-status status-${answer.ok.status}`} data-status={answer.ok.status}>
            <h2>{t('lookup.statusTitle', { receipt: answer.ok.receipt })}</h2>
            <p className="lookup-service">{t(`forms.service.${answer.ok.service}`)}</p>
            <p className="lookup-status-text">{t(`lookup.status.${answer.ok.status}`)}</p>
            {answer.ok.status === 'declined' && answer.ok.reason && (
              <p className="lookup-reason" data-reason="">
                {t('lookup.reason', { reason: answer.ok.reason })}
              </p>
            )}
            {answer.ok.status === 'declined' && <p>{t('lookup.declinedWhat')}</p>}
            <p className="hint">{t('lookup.receivedAt', { date: when(answer.ok.receivedAt) })}</p>
            {answer.ok.statusAt && <p className="hint">{t('lookup.statusAt', { date: when(answer.ok.statusAt) })}</p>}
          </section>
        ) : (
          <section className="failed lookup-failed" role="alert" data-failed={answer.failed}>
            {answer.failed === 'not_found' && (
              <>
                <p>{t('lookup.notFound')}</p>
                <p className="lookup-what">{t('lookup.notFoundWhat')}</p>
              </>
            )}
            {answer.failed === 'unavailable' && <p>{t('lookup.unavailable')}</p>}
            {answer.failed === 'not_enrolled' && <p>{t('lookup.notEnrolled')}</p>}
            {answer.failed === 'other' && <p>{t('lookup.failed')}</p>}
          </section>
        )}
        <div className="apply-actions">
          <button type="button" className="big-button" onClick={() => setAnswer(null)} data-lookup="again">
            {t('lookup.again')}
          </button>
        </div>
        <CentrePhone lead={t('lookup.call')} big={!('ok' in answer)} />
      </div>
    );

  return (
    <div className="lookup">
      <h1>{t('lookup.title')}</h1>
      <p className="apply-intro">{t('lookup.intro')}</p>
      <div className="ff">
        {field('receipt', receipt, receiptShown(receipt), RECEIPT_DIGITS, setReceipt, t('lookup.receiptExample'))}
        {field('phone', phone, phoneShown(phone), PHONE_DIGITS, setPhone, t('apply.phoneExample'))}
      </div>
      {!ready && (
        <p id="lookup-need" className="hint">
          {t('lookup.needBoth')}
        </p>
      )}
      <div className="apply-actions">
        <button type="button" className="big-button" onClick={() => void check()} disabled={!ready || busy} data-lookup="check">
          {busy ? t('lookup.checking') : t('lookup.check')}
        </button>
      </div>
      <CentrePhone lead={t('lookup.call')} />
    </div>
  );
}
