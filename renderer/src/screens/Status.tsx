/**
 * 안내 정보 업데이트 — the status view: which version of the information this kiosk has and
 * when it was last updated, in plain words; 지금 업데이트 (syncNow) with a real progress bar fed
 * by the core's `sync.progress` events; USB bundles found on removable media (bundleImport);
 * and, once per device, the operator's hub setup: address and key, the key's fingerprint to
 * compare by eye with the one the hub printed, and only after an explicit "같아요, 연결해요"
 * the first sync, which pins the key. Every outcome is said in words (by the error's `reason`),
 * with the operator's detail in small print under it; the kiosk goes on with what it has.
 *
 * The outbox (issue 13) too: one plain line for the person at the kiosk ("신청 3건이 전송을
 * 기다리고 있어요"), and for counsellors and operators the device's enrolment, the uploader's
 * state and every application by its envelope only (service, time, size, state, receipt, the
 * hub's reason when it needs attention) — the kiosk cannot read what was sealed, and shows no
 * name or number. What went wrong is said in plain words by its code (the uploader's and a
 * pending application's problem, the hub's refusal code), the English words in small print.
 * It reloads on `outbox.changed`.
 *
 * At the very end, small, the way in for counsellors (상담사: their sign-in and dashboard).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody, EventMap } from '../../../core/contract/client';
import type { Lang, Output } from '../../../core/contract/kiosk-api';
import { api } from '../api';
import { BundleList, dateText, dateTimeText, FailureDetail, failureKey, ProgressBar, sizeText, UpdateOutcomeText, type UpdateOutcome } from '../components/CatalogueBundles';
import { LoadFailed } from '../components/LoadFailed';
import { apiError, useApi } from '../lib/use-api';
import { problemKey, reasonKey } from '../lib/outbox-words';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import { bringIntoView } from '../lib/toolbar-fit';

type SyncProgress = EventMap['sync.progress'];
type Outbox = Output<'outboxStatus'>;
type SyncResult = Output<'syncNow'>;
type Job = { kind: 'hub' } | { kind: 'usb'; file: string };
type Outcome = UpdateOutcome;

/**
 * "안내 정보: 2026년 12월 1일 업데이트" and "버전 3": the date of the last update (else the date the
 * app's own catalogue was built) and the hub version. Reloads when the catalogue changes.
 */
export function useCatalogueStamp(refresh = 0) {
  const { t } = useTranslation();
  const lang = useLang();
  const status = useApi((signal) => api.syncStatus({}, { signal }), [refresh]);
  const info = useApi((signal) => api.info({}, { signal }), [refresh]);
  const when = status.data?.syncedAt ?? info.data?.builtAt;
  const version = status.data?.version;
  return {
    status,
    info,
    updated: when ? t('status.updated', { date: dateText(when, lang) }) : undefined,
    version: version === undefined ? undefined : version > 0 ? t('status.version', { version }) : t('status.versionBuiltIn'),
    holidays: holidaysText(info.data?.holidays, (key, o) => t(key, o), lang),
  };
}

/** "공휴일 달력: 2027년 12월 31일까지" — until which day the kiosk knows the public holidays (it comes with the information updates). */
function holidaysText(h: Output<'info'>['holidays'] | undefined, t: (key: string, o?: Record<string, string>) => string, lang: Lang): string | undefined {
  if (!h) return undefined;
  if (!h.knownUntil) return t('status.holidaysNone');
  // noon in Korea: the same day in any browser's time zone
  const date = dateText(`${h.knownUntil}T12:00:00+09:00`, lang);
  return h.ended ? t('status.holidaysPast', { date }) : t('status.holidays', { date });
}

/**
 * The last look at the hub failed (most often the host's own, in the background, with nobody
 * watching): when, what it means in plain words, how many times in a row, and the operator's
 * detail in small print. The catalogue in use is unchanged; the next 지금 업데이트 replaces this.
 */
function LastCheckFailed({ last }: { last: NonNullable<Output<'syncStatus'>['lastCheck']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const words = t(failureKey({ code: 'internal', message: last.message ?? '', ...(last.reason ? { reason: last.reason } : {}) }));
  return (
    <div className="status-last-check" data-status="last-check" data-reason={last.reason ?? undefined}>
      <p>
        {t('status.lastFailed', { date: dateTimeText(last.at, lang) })} {words}
        {last.failuresInARow > 1 && <> {t('status.failuresInARow', { n: last.failuresInARow })}</>}
      </p>
      {last.message && <FailureDetail message={last.message} />}
    </div>
  );
}

export function Status() {
  const { t } = useTranslation();
  const { go } = useNav();
  const [refresh, setRefresh] = useState(0);
  const stamp = useCatalogueStamp(refresh);
  const s = stamp.status.data;
  const [job, setJob] = useState<Job | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** a key the operator compared and confirmed here, not pinned yet (a USB-only kiosk pins it with its first bundle) */
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [outboxRefresh, setOutboxRefresh] = useState(0);
  const outbox = useApi((signal) => api.outboxStatus({}, { signal }), [outboxRefresh]);
  useEffect(() => api.on('outbox.changed', () => setOutboxRefresh((n) => n + 1)), []);
  /** the progress and the outcome, kept in view together */
  const runRef = useRef<HTMLDivElement>(null);

  // Every sync's progress, ours or the host's own background look for a newer catalogue.
  // A sync this screen did not start (the host's background sync) shows its bar too, holds the
  // buttons while it runs, and brings the version and date up to date when it ends.
  // (Whether one runs is the host's word: syncStatus.running, asked again as one starts and ends.)
  const ours = useRef(false);
  ours.current = job !== null;
  const running = useRef(false);
  running.current = s?.running === true;
  useEffect(
    () =>
      api.on('sync.progress', (p) => {
        if (!ours.current) {
          if (p.phase === 'checking' || p.phase === 'done' || p.phase === 'failed') setRefresh((n) => n + 1);
          if (p.phase !== 'checking' && !running.current) return; // a late event of a sync that has ended
        }
        setProgress(p);
      }),
    [],
  );

  const busy = job !== null || s?.running === true;

  const start = async (next: Job, call: () => Promise<SyncResult>) => {
    setJob(next);
    setOutcome(null);
    setProgress({ phase: 'checking', done: 0, total: 0 });
    // the bar is near the top: bring it into view (the operator pressed 연결해요 at the bottom; at 200 % it may be off screen)
    requestAnimationFrame(() => bringIntoView(runRef.current));
    let o: Outcome;
    try {
      // not cancelled when the person leaves the screen: an update half done resumes, but one let finish is better
      o = { ok: true, result: await call() };
    } catch (e) {
      const error = apiError(e);
      console.error(`catalogue update failed: ${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`, error.requestId ?? '');
      o = { ok: false, error };
    }
    // the bar ends with the call, whatever events came (a refusal before any download sends none)
    setProgress(o.ok ? { phase: 'done', done: 1, total: 1 } : null);
    setOutcome(o);
    setJob(null);
    setRefresh((n) => n + 1); // the version and date (also when nothing changed: the time of the check)
    requestAnimationFrame(() => {
      // in view and not under the sticky toolbar, with the focus on it (a screen reader reads it)
      outcomeRef.current?.focus({ preventScroll: true });
      bringIntoView(runRef.current);
    });
    return o;
  };

  const syncNow = (input: { hubUrl?: string; key?: string } = {}) => start({ kind: 'hub' }, () => api.syncNow(input));
  const importBundle = (file: string) => start({ kind: 'usb', file }, () => api.bundleImport({ file, ...(s?.keyFingerprint == null && confirmedKey ? { key: confirmedKey } : {}) }));

  const showBar = progress !== null && progress.phase !== 'failed' && (busy || outcome?.ok === true);

  return (
    <div className="status-view">
      <h1>{t('status.title')}</h1>
      <section className="status-now" aria-label={t('status.nowLabel')}>
        {stamp.updated && (
          <p className="status-stamp" data-status="updated">
            {stamp.updated}
          </p>
        )}
        {stamp.version && (
          <p className="status-version" data-status="version">
            {stamp.version}
          </p>
        )}
        {stamp.holidays && (
          <p className="status-version" data-status="holidays">
            {stamp.holidays}
          </p>
        )}
        {s?.lastCheck && !s.lastCheck.ok && !busy && outcome === null && <LastCheckFailed last={s.lastCheck} />}
        {stamp.status.loading && !s && <p>{t('loading')}</p>}
        {stamp.status.error && <LoadFailed error={stamp.status.error} onRetry={stamp.status.retry} />}
        {s?.hubUrl && (
          <button type="button" className="big-button status-sync" onClick={() => void syncNow()} disabled={busy} data-sync="now">
            ↻ {t('status.now')}
          </button>
        )}
        {s && !s.hubUrl && job?.kind !== 'hub' && <p className="hint">{t('status.noHub')}</p>}
      </section>

      {outbox.data && (outbox.data.device.enrolled || outbox.data.pending + outbox.data.sent + outbox.data.attention > 0) && <OutboxLine o={outbox.data} />}

      <div className="status-run" ref={runRef}>
        <div className="status-progress" role="status" aria-live="polite">
          {showBar && <ProgressBar p={progress} />}
          {busy && !showBar && <p className="status-phase">{t('status.running')}</p>}
        </div>

        {outcome && (
          <div
            ref={outcomeRef}
            tabIndex={-1}
            className={outcome.ok ? 'status-outcome ok' : 'status-outcome failed'}
            role={outcome.ok ? 'status' : 'alert'}
            data-outcome={outcome.ok ? outcome.result.applied : 'failed'}
            data-reason={outcome.ok ? undefined : (outcome.error.reason ?? outcome.error.code)}
          >
            <UpdateOutcomeText outcome={outcome} />
          </div>
        )}
      </div>

      {s && <BundleList bundles={s.bundles} busy={busy} onImport={(file) => void importBundle(file)} onRescan={() => setRefresh((n) => n + 1)} />}

      {s && (
        <section className="field status-operator" aria-labelledby="status-operator">
          <h2 id="status-operator">{t('status.op.title')}</h2>
          {s.keyFingerprint ? (
            <dl className="status-pinned">
              <dt>{t('status.op.pinnedHub')}</dt>
              <dd data-hub="pinned-url">{s.hubUrl ?? t('status.op.noUrl')}</dd>
              <dt>{t('status.op.fingerprint')}</dt>
              <dd>
                <Fingerprint value={s.keyFingerprint} />
              </dd>
              <dd className="small-print hint">{t('status.op.pinnedHint')}</dd>
            </dl>
          ) : (
            <HubSetup
              busy={busy}
              confirmedKey={confirmedKey}
              onConfirmed={async (hubUrl, key) => {
                setConfirmedKey(key);
                if (!hubUrl) return null; // a USB-only kiosk: the key is pinned with the first bundle
                const o = await syncNow({ hubUrl, key });
                return o.ok ? null : o.error;
              }}
            />
          )}
        </section>
      )}

      {outbox.data && <OutboxDetails o={outbox.data} />}

      {/* at the very end, small: the way in for counsellors (sign-in with their PIN) */}
      <p className="status-counsellor">
        <button type="button" className="action-button secondary" onClick={() => go({ name: 'counsellor' })} data-action="counsellor">
          {t('counsellor.entry')}
        </button>
      </p>
    </div>
  );
}

/** The one line a senior reads: how many applications wait to be sent (and how many need a person). */
function OutboxLine({ o }: { o: Outbox }) {
  const { t } = useTranslation();
  const n = o.pending;
  const m = o.attention;
  const words = n && m ? t('outbox.line.pendingAndAttention', { n, m }) : n ? t('outbox.line.pending', { n }) : m ? t('outbox.line.attention', { m }) : o.sent ? t('outbox.line.allSent') : t('outbox.line.none');
  return (
    <p className="status-stamp status-outbox" role="status" data-outbox="line" data-pending={n} data-attention={m}>
      {words}
    </p>
  );
}

/** What went wrong for the device as a whole, in plain words (the hub's own words follow in small print). */
function pausedKey(reason: string | null): string {
  if (reason === 'revoked' || reason === 'unknown_device') return 'outbox.op.paused.revoked';
  if (reason === 'clock_skew') return 'outbox.op.paused.clock';
  return 'outbox.op.paused.other';
}

/** For counsellors and operators: the enrolment, the uploader, and each application by its envelope — nothing personal. */
function OutboxDetails({ o }: { o: Outbox }) {
  const { t } = useTranslation();
  const lang = useLang();
  const u = o.uploader;
  const uploaderWords =
    u.state === 'waiting'
      ? u.lastProblem
        ? `${t(problemKey(u.lastProblem))} ${t('outbox.op.uploader.retryAt', { time: u.nextTryAt ? dateTimeText(u.nextTryAt, lang) : '—' })}`
        : t('outbox.op.uploader.waiting', { time: u.nextTryAt ? dateTimeText(u.nextTryAt, lang) : '—' })
      : u.state === 'paused'
        ? `${t('outbox.op.uploader.paused')} ${t(pausedKey(u.pausedReason))}`
        : u.state === 'sending'
          ? t('outbox.op.uploader.sending')
          : u.state === 'not_enrolled'
            ? t('outbox.op.uploader.notEnrolled')
            : u.state === 'stopped'
              ? t('outbox.op.uploader.stopped')
              : t('outbox.op.uploader.idle');
  return (
    <section className="field status-outbox-op" aria-labelledby="status-outbox-op" data-outbox="details">
      <h2 id="status-outbox-op">{t('outbox.op.title')}</h2>
      <dl className="outbox-device">
        <dt>{t('outbox.op.device')}</dt>
        <dd data-outbox="device">
          {o.device.enrolled ? t('outbox.op.enrolled', { name: o.device.name ?? '', hub: o.device.hubUrl ?? '', date: o.device.enrolledAt ? dateText(o.device.enrolledAt, lang) : '' }) : t('outbox.op.notEnrolled')}
        </dd>
        <dt>{t('outbox.op.sender')}</dt>
        <dd data-outbox="counts">{t('outbox.op.counts', { pending: o.pending, sent: o.sent, attention: o.attention })}</dd>
        <dd data-outbox="uploader" data-state={u.state} data-problem={u.lastProblem ?? undefined}>
          {uploaderWords}
        </dd>
        {/* waiting and paused say why above; in another state (a device file that cannot be read, a pass in flight after a failure) it is said here */}
        {u.lastProblem && u.state !== 'waiting' && u.state !== 'paused' && <dd data-outbox="problem">{t(problemKey(u.lastProblem))}</dd>}
        {u.lastError && (
          <dd className="small-print status-detail" data-outbox="detail">
            {t('status.detail')} <span lang="en">{u.lastError}</span>
          </dd>
        )}
      </dl>
      <h3>{t('outbox.op.records')}</h3>
      {o.records.length === 0 && <p data-outbox="no-records">{t('outbox.op.noRecords')}</p>}
      {o.records.length > 0 && (
        <ul className="outbox-records">
          {o.records.map((r) => (
            <li key={r.clientId} data-record={r.clientId} data-state={r.state}>
              <p>
                <strong>{t(`outbox.op.state.${r.state}`)}</strong> · {t('outbox.op.record', { service: t(`forms.service.${r.service}`, { defaultValue: r.service }), date: dateTimeText(r.createdAt, lang), size: sizeText(r.size, lang) })}
              </p>
              <p className="small-print">
                <span className="outbox-id">{r.clientId.slice(0, 8)}</span>
                {r.receipt && <> · {t('outbox.op.receipt', { receipt: r.receipt })}</>} · {t('outbox.op.attempts', { n: r.attempts })}
              </p>
              {r.state === 'attention' && (
                <p data-outbox="reason" data-code={r.code ?? ''}>
                  {t(reasonKey(r.code))}
                </p>
              )}
              {r.state === 'attention' && r.reason && (
                <p className="small-print status-detail" data-outbox="detail">
                  {t('outbox.op.reason')} <span lang="en">{r.reason}</span>
                </p>
              )}
              {r.state === 'pending' && r.lastProblem && (
                <p data-outbox="problem" data-problem={r.lastProblem}>
                  {t(problemKey(r.lastProblem))}
                </p>
              )}
              {r.state === 'pending' && r.lastError && (
                <p className="small-print status-detail" data-outbox="detail">
                  {t('status.detail')} <span lang="en">{r.lastError}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A key's fingerprint in large monospace groups of four (two rows of four), to read and compare one group at a time. */
function Fingerprint({ value }: { value: string }) {
  const groups = value.split(/\s+/);
  const half = Math.ceil(groups.length / 2);
  return (
    <span className="fingerprint" data-fingerprint={value}>
      {[groups.slice(0, half), groups.slice(half)].map((row, r) => (
        <span key={r} className="fp-row">
          {row.map((g, i) => (
            <span key={i} className="fp-group">
              {g}
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/**
 * The operator's first step on a new kiosk: the hub's address and key, then the key's
 * fingerprint to compare with what the hub printed, then "같아요, 연결해요". The inputs are
 * plain: this is an operator's one-time step, done with a laptop's or a USB keyboard, so the
 * on-screen Hangul keyboard (made for searching) is not offered here.
 */
function HubSetup({ busy, confirmedKey, onConfirmed }: { busy: boolean; confirmedKey: string | null; onConfirmed: (hubUrl: string, key: string) => Promise<ApiErrorBody | null> }) {
  const { t } = useTranslation();
  const id = useId();
  const [hubUrl, setHubUrl] = useState('');
  const [key, setKey] = useState('');
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [errors, setErrors] = useState<{ url?: string; key?: string; check?: ApiErrorBody }>({});
  const compareRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!fingerprint) return;
    compareRef.current?.focus({ preventScroll: true });
    bringIntoView(compareRef.current);
  }, [fingerprint]);

  const urlProblem = (u: string): string | undefined => {
    if (!u) return undefined;
    try {
      const x = new URL(u);
      return x.protocol === 'http:' || x.protocol === 'https:' ? undefined : t('status.op.badUrl');
    } catch {
      return t('status.op.badUrl');
    }
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    const url = hubUrl.trim();
    const k = key.trim();
    const found = { url: urlProblem(url), key: k ? undefined : t('status.op.needKey') };
    setErrors(found);
    setFingerprint(null);
    if (found.url || found.key) return;
    setChecking(true);
    try {
      setFingerprint((await api.hubKey({ key: k })).fingerprint);
    } catch (err) {
      const error = apiError(err);
      setErrors(error.code === 'bad_request' ? { key: t('status.op.badKey'), check: error } : { check: error });
    } finally {
      setChecking(false);
    }
  };

  const confirm = async () => {
    const url = hubUrl.trim();
    const error = await onConfirmed(url, key.trim());
    if (error?.field === 'hubUrl') setErrors({ url: t('status.op.badUrl') });
    if (!url) setFingerprint(null);
  };

  const edited = () => {
    setFingerprint(null); // a changed key must be compared again
    setErrors({});
  };

  return (
    <form className="hub-setup" onSubmit={(e) => void check(e)} noValidate>
      <p>{t('status.op.intro')}</p>
      <div className="form-field">
        <label htmlFor={`${id}-url`}>{t('status.op.url')}</label>
        <p className="hint small-print" id={`${id}-url-hint`}>
          {t('status.op.urlHint')}
        </p>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={hubUrl}
          onChange={(e) => (setHubUrl(e.target.value), edited())}
          aria-describedby={`${id}-url-hint${errors.url ? ` ${id}-url-error` : ''}`}
          aria-invalid={errors.url ? true : undefined}
          data-hub="url"
        />
        {errors.url && (
          <p className="field-error" id={`${id}-url-error`} role="alert">
            {errors.url}
          </p>
        )}
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-key`}>{t('status.op.key')}</label>
        <p className="hint small-print" id={`${id}-key-hint`}>
          {t('status.op.keyHint')}
        </p>
        <input
          id={`${id}-key`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => (setKey(e.target.value), edited())}
          aria-describedby={`${id}-key-hint${errors.key ? ` ${id}-key-error` : ''}`}
          aria-invalid={errors.key ? true : undefined}
          data-hub="key"
        />
        {errors.key && (
          <p className="field-error" id={`${id}-key-error`} role="alert">
            {errors.key}
          </p>
        )}
      </div>
      {errors.check && errors.check.code !== 'bad_request' && (
        <p className="field-error" role="alert">
          {t('status.fail.other')}
        </p>
      )}
      {errors.check && (
        <p className="small-print status-detail">
          {t('status.detail')} <span lang="en">{errors.check.message}</span>
        </p>
      )}
      {!fingerprint && (
        <button type="submit" className="action-button" disabled={checking || busy} data-hub="check">
          {t('status.op.check')}
        </button>
      )}
      {fingerprint && (
        <div className="hub-compare" ref={compareRef} tabIndex={-1} aria-labelledby={`${id}-compare`}>
          <p id={`${id}-compare`} className="hub-compare-text">
            {t('status.op.compare')}
          </p>
          <Fingerprint value={fingerprint} />
          <div className="hub-compare-actions">
            <button type="button" className="big-button" onClick={() => void confirm()} disabled={busy} data-hub="confirm">
              {t('status.op.confirm')}
            </button>
            <button type="button" className="big-button secondary" onClick={() => (setFingerprint(null), setKey(''))} disabled={busy} data-hub="cancel">
              {t('status.op.different')}
            </button>
          </div>
        </div>
      )}
      {confirmedKey && !hubUrl.trim() && !fingerprint && <p className="note">{t('status.op.keyOnly')}</p>}
    </form>
  );
}
