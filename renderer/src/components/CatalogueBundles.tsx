/**
 * What the status view and the counsellor's dashboard share about catalogue updates: the USB
 * bundles found on removable media (each with 가져오기, and 다시 찾기), the progress bar fed by
 * `sync.progress`, what a refusal means in plain words, and dates and sizes as people read them.
 */
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody, EventMap } from '../../../core/contract/client';
import type { Output } from '../../../core/contract/kiosk-api';
import type { Lang } from '../../../core/contract/lists';
import { useLang } from '../lib/use-lang';
import { inKorea } from '../lib/number-format';

type SyncProgress = EventMap['sync.progress'];
/** How an update (from the hub or a USB bundle) ended: its result, or the refusal. */
export type UpdateOutcome = { ok: true; result: Output<'syncNow'> } | { ok: false; error: ApiErrorBody };
export type Bundle = Output<'syncStatus'>['bundles'][number];

/** A day and a day-and-time as the reader's language writes them, in Korea's time (lib/number-format: inKorea). */
export const dateText = (iso: string, lang: Lang): string => inKorea(iso, lang, { year: 'numeric', month: 'long', day: 'numeric' });
export const dateTimeText = (iso: string, lang: Lang): string => inKorea(iso, lang, { dateStyle: 'long', timeStyle: 'short' });
export const sizeText = (bytes: number, lang: Lang): string => {
  const mb = bytes / (1024 * 1024);
  return mb >= 0.1 ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(mb)} MB` : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
};

/** What a refusal of a catalogue update means for the person at the kiosk, by its reason (else by its code). */
export function failureKey(e: ApiErrorBody): string {
  switch (e.reason) {
    case 'unreachable':
      return 'status.fail.unreachable';
    case 'busy':
      return 'status.fail.busy';
    case 'bad_signature':
    case 'bad_file':
    case 'bad_manifest':
    case 'key_mismatch':
      return 'status.fail.unverified';
    case 'rollback':
      return 'status.fail.rollback';
    case 'schema_newer':
      return 'status.fail.schemaNewer';
    case 'no_key':
      return 'status.fail.noKey';
    case 'bad_bundle':
      return 'status.fail.badBundle';
  }
  if (e.code === 'unavailable') return 'status.fail.unreachable';
  if (e.code === 'not_found') return 'status.fail.bundleGone';
  return 'status.fail.other';
}

/** The operator's detail of a refusal, in small print: "관리자용 정보:" and the host's message (English). */
export function FailureDetail({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <p className="small-print status-detail">
      {t('status.detail')} <span lang="en">{message}</span>
    </p>
  );
}

/** An update's outcome in plain words; a refusal also with the operator's detail in small print. */
export function UpdateOutcomeText({ outcome }: { outcome: UpdateOutcome }) {
  const { t } = useTranslation();
  if (outcome.ok) return <p className="status-outcome-text">{outcome.result.applied === 'none' ? t('status.result.none') : t('status.result.applied', { version: outcome.result.version })}</p>;
  return (
    <>
      <p className="status-outcome-text">{t(failureKey(outcome.error))}</p>
      <FailureDetail message={outcome.error.message} />
    </>
  );
}

/** The phase in words and how far it is, as a real progress bar (0–100 % of the download; full while applying). */
export function ProgressBar({ p }: { p: SyncProgress }) {
  const { t } = useTranslation();
  const pct = p.phase === 'downloading' ? (p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0) : p.phase === 'checking' ? 0 : 100;
  const words = p.phase === 'downloading' ? t('status.phase.downloading', { pct }) : p.phase === 'checking' ? t('status.phase.checking') : p.phase === 'applying' ? t('status.phase.applying') : t('status.phase.done');
  return (
    <div className="status-bar-wrap" data-phase={p.phase}>
      <p className="status-phase">{words}</p>
      <div className="status-bar" role="progressbar" aria-label={t('status.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={words}>
        <div className="status-bar-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** 'USB로 업데이트': the bundles found, each with 가져오기, and 다시 찾기. */
export function BundleList({ bundles, busy, onImport, onRescan, headingLevel = 2 }: { bundles: Bundle[]; busy: boolean; onImport: (file: string) => void; onRescan: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="field status-usb" aria-labelledby="status-usb">
      <Heading id="status-usb">{t('status.usb.title')}</Heading>
      <p className="hint">{t('status.usb.hint')}</p>
      {bundles.length === 0 && <p data-usb="none">{t('status.usb.none')}</p>}
      {bundles.length > 0 && (
        <ul className="bundles">
          {bundles.map((b) => (
            <li key={b.file} className="bundle" data-bundle={b.name}>
              <span className="bundle-text">
                <span className="bundle-name" id={`bundle-${b.name}`}>
                  {b.name}
                </span>
                <span className="bundle-meta">{t('status.usb.meta', { size: sizeText(b.size, lang), date: dateTimeText(b.modified, lang) })}</span>
              </span>
              <button type="button" className="action-button" onClick={() => onImport(b.file)} disabled={busy} aria-describedby={`bundle-${b.name}`} data-usb="import">
                {t('status.usb.import')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="action-button secondary" onClick={onRescan} disabled={busy} data-usb="rescan">
        ↻ {t('status.usb.rescan')}
      </button>
    </section>
  );
}
