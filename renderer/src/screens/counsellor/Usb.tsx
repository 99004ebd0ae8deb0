/**
 * USB 주고받기, for a laptop that is offline for days: catalogue bundles in (the bundles found on
 * removable media, imported as the status view imports them — the same list, progress bar and
 * words) and the applications waiting in the outbox out ("신청서를 USB로 내보내기": sealed as they
 * are, for the hub's operator to import), each outcome said in words.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody, EventMap } from '../../../../core/contract/client';
import type { Output } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { BundleList, ProgressBar, sizeText, UpdateOutcomeText, type UpdateOutcome } from '../../components/CatalogueBundles';
import { LoadFailed } from '../../components/LoadFailed';
import { apiError, useApi } from '../../lib/use-api';
import { useLang } from '../../lib/use-lang';

type SyncProgress = EventMap['sync.progress'];
type Imported = UpdateOutcome;
type Exported = { ok: true; result: Output<'outboxExport'> } | { ok: false; error: ApiErrorBody };

/** An export's refusal in words, by its reason. */
function exportFailureKey(e: ApiErrorBody): string {
  if (e.reason === 'no_media' || (e.code === 'not_found' && e.field === 'media')) return 'counsellor.usb.noMedia';
  if (e.reason === 'nothing_pending') return 'counsellor.usb.nothing';
  if (e.reason === 'not_enrolled') return 'counsellor.signIn.notEnrolled';
  if (e.reason === 'not_writable') return 'counsellor.usb.notWritable';
  return 'counsellor.usb.exportFailed';
}

export function Usb() {
  const { t } = useTranslation();
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const status = useApi((signal) => api.syncStatus({}, { signal }), [refresh]);
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<Exported | null>(null);
  const importRef = useRef<HTMLDivElement>(null);
  const exportRef = useRef<HTMLDivElement>(null);
  const mine = useRef(false);
  mine.current = importing;
  useEffect(() => api.on('sync.progress', (p) => mine.current && setProgress(p)), []);

  const busy = importing || status.data?.running === true;
  const importBundle = async (file: string) => {
    setImporting(true);
    setImported(null);
    setProgress({ phase: 'checking', done: 0, total: 0 });
    let o: Imported;
    try {
      o = { ok: true, result: await api.bundleImport({ file }) };
    } catch (e) {
      const error = apiError(e);
      console.error(`bundle import failed: ${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`);
      o = { ok: false, error };
    }
    setProgress(o.ok ? { phase: 'done', done: 1, total: 1 } : null);
    setImported(o);
    setImporting(false);
    setRefresh((n) => n + 1);
    requestAnimationFrame(() => importRef.current?.focus());
  };

  const exportApplications = async () => {
    setExporting(true);
    setExported(null);
    let o: Exported;
    try {
      o = { ok: true, result: await api.outboxExport({}) };
    } catch (e) {
      const error = apiError(e);
      console.error(`export failed: ${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`);
      o = { ok: false, error };
    }
    setExported(o);
    setExporting(false);
    requestAnimationFrame(() => exportRef.current?.focus());
  };

  return (
    <div className="counsellor" data-counsellor="usb">
      <h1>{t('counsellor.usb.title')}</h1>
      <p className="counsellor-lead">{t('counsellor.usb.hint')}</p>

      <section className="field counsellor-export" aria-labelledby="counsellor-export" data-usb="export-section">
        <h2 id="counsellor-export">{t('counsellor.usb.exportTitle')}</h2>
        <p className="hint">{t('counsellor.usb.exportHint')}</p>
        <button type="button" className="big-button" onClick={() => void exportApplications()} disabled={exporting} data-usb="export">
          {exporting ? t('counsellor.usb.exporting') : t('counsellor.usb.export')}
        </button>
        {exported && (
          <div ref={exportRef} tabIndex={-1} className={exported.ok ? 'status-outcome ok' : 'status-outcome failed'} role={exported.ok ? 'status' : 'alert'} data-export={exported.ok ? 'done' : 'failed'} data-reason={exported.ok ? undefined : (exported.error.reason ?? exported.error.code)}>
            {exported.ok ? (
              <>
                <p className="status-outcome-text">{t('counsellor.usb.exported', { n: exported.result.records, size: sizeText(exported.result.bytes, lang) })}</p>
                <p className="small-print status-detail">
                  {t('counsellor.usb.file')} <span className="outbox-id">{exported.result.file}</span>
                </p>
              </>
            ) : (
              <>
                <p className="status-outcome-text">{t(exportFailureKey(exported.error))}</p>
                <p className="small-print status-detail">
                  {t('status.detail')} <span lang="en">{exported.error.message}</span>
                </p>
              </>
            )}
          </div>
        )}
      </section>

      {status.error && <LoadFailed error={status.error} onRetry={status.retry} />}
      {status.data && <BundleList bundles={status.data.bundles} busy={busy} onImport={(file) => void importBundle(file)} onRescan={() => setRefresh((n) => n + 1)} />}
      <div className="status-run">
        <div className="status-progress" role="status" aria-live="polite">
          {progress && progress.phase !== 'failed' && (importing || imported?.ok) && <ProgressBar p={progress} />}
        </div>
        {imported && (
          <div ref={importRef} tabIndex={-1} className={imported.ok ? 'status-outcome ok' : 'status-outcome failed'} role={imported.ok ? 'status' : 'alert'} data-outcome={imported.ok ? imported.result.applied : 'failed'}>
            <UpdateOutcomeText outcome={imported} />
          </div>
        )}
      </div>
    </div>
  );
}
