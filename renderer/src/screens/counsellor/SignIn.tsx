/**
 * 상담사 로그인: the counsellor picks their name (big buttons), then types their PIN on the
 * number pad or a physical keyboard. The PIN is shown as dots only — a password input, written
 * to by the pad through its `value` property (never an attribute, never text in the DOM) — and
 * is forgotten as soon as it is sent. Each refusal is said in words: a wrong PIN with the tries
 * left before the account locks, a locked account (an operator unlocks it), a device that is not
 * enrolled. Why the last session ended (too long without use, signed out) is said first.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../../../core/contract/client';
import type { CounsellorSession } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { LoadFailed } from '../../components/LoadFailed';
import { NumberPad, digitsOnly } from '../../components/NumberPad';
import { apiError, useApi } from '../../lib/use-api';
import { useNav } from '../../session';
import { clearEnded, signedIn, triesLeftNow, useCounsellorState } from './state';

const PIN_MAX = 8;
const PIN_MIN = 6;

type Problem = { kind: 'wrong_pin'; triesLeft: number | null } | { kind: 'locked' } | { kind: 'not_enrolled' } | { kind: 'unknown' } | { kind: 'short' } | { kind: 'other'; error: ApiErrorBody };

export function SignIn({ onSignedIn }: { onSignedIn: (s: CounsellorSession) => void }) {
  const { t } = useTranslation();
  const nav = useNav();
  const { ended } = useCounsellorState();
  const [refresh, setRefresh] = useState(0);
  const status = useApi((signal) => api.counsellorStatus({}, { signal }), [refresh]);
  const [name, setName] = useState<string | null>(null);
  // what the sign-in says first (why the last session ended), kept while this screen is open
  const [why] = useState(ended);
  useEffect(() => clearEnded(), []);

  // 뒤로 (and Esc) from the PIN goes back to the names
  const { setStepBack } = nav;
  useEffect(() => {
    setStepBack(name === null ? null : () => (setName(null), true));
    return () => setStepBack(null);
  }, [name, setStepBack]);

  const s = status.data;
  const account = name === null ? undefined : s?.counsellors.find((c) => c.name === name);
  return (
    <div className="counsellor signin" data-counsellor="sign-in">
      <h1>{t('counsellor.signIn.title')}</h1>
      {why && (
        <p className="note counsellor-ended" role="status" data-ended={why}>
          {t(`counsellor.ended.${why}`)}
        </p>
      )}
      {status.loading && !s && <p>{t('loading')}</p>}
      {status.error && <LoadFailed error={status.error} onRetry={status.retry} />}
      {s && !s.enrolled && (
        <p className="note" data-signin="not-enrolled">
          {t('counsellor.signIn.notEnrolled')}
        </p>
      )}
      {s && s.enrolled && s.counsellors.length === 0 && (
        <p className="note" data-signin="no-accounts">
          {t('counsellor.signIn.noAccounts')}
        </p>
      )}
      {s && s.enrolled && name === null && s.counsellors.length > 0 && (
        <>
          <p className="counsellor-lead">{t('counsellor.signIn.pickName')}</p>
          <ul className="counsellor-names">
            {s.counsellors.map((c) => (
              <li key={c.name}>
                <button type="button" className="answer counsellor-name" onClick={() => setName(c.name)} data-counsellor-name={c.name} data-locked={c.locked ? '' : undefined}>
                  <span>{c.name}</span>
                  {c.locked && <span className="badge warn">{t('counsellor.signIn.lockedBadge')}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {s && name !== null && (
        <PinForm
          key={name}
          name={name}
          locked={account?.locked ?? false}
          onRefused={() => setRefresh((n) => n + 1)}
          onBack={() => setName(null)}
          onSignedIn={(session) => {
            signedIn(session);
            onSignedIn(session);
          }}
        />
      )}
    </div>
  );
}

function PinForm({ name, locked, onRefused, onBack, onSignedIn }: { name: string; locked: boolean; onRefused: () => void; onBack: () => void; onSignedIn: (s: CounsellorSession) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // the PIN lives here, in memory only; the input shows it as dots (its value property is set, never its attribute)
  const [pin, setPinState] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(locked ? { kind: 'locked' } : null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const setPin = (v: string) => {
    const d = digitsOnly(v, PIN_MAX);
    setPinState(d);
    if (input.current && input.current.value !== d) input.current.value = d;
  };
  useEffect(() => {
    if (!locked) input.current?.focus({ preventScroll: true });
  }, [locked]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (pin.length < PIN_MIN) {
      setProblem({ kind: 'short' });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const typed = pin;
    setPin('');
    try {
      onSignedIn(await api.counsellorSignIn({ name, pin: typed }));
      return;
    } catch (err) {
      const error = apiError(err);
      const next: Problem =
        error.reason === 'wrong_pin'
          ? { kind: 'wrong_pin', triesLeft: null }
          : error.reason === 'locked'
            ? { kind: 'locked' }
            : error.reason === 'not_enrolled'
              ? { kind: 'not_enrolled' }
              : error.reason === 'unknown_counsellor'
                ? { kind: 'unknown' }
                : { kind: 'other', error };
      if (next.kind === 'other') console.error(`counsellor sign-in failed: ${error.code}: ${error.message}`);
      // the tries left: asked of the host now that it has counted this one (not waited for as a
      // change of the list's status, which a refresh for another reason may already have shown)
      if (next.kind === 'wrong_pin') next.triesLeft = await triesLeftNow(name);
      setProblem(next);
      onRefused();
      requestAnimationFrame(() => (next.kind === 'locked' ? messageRef.current?.focus() : input.current?.focus()));
    } finally {
      setBusy(false);
    }
  };

  const message =
    problem === null
      ? null
      : problem.kind === 'wrong_pin'
        ? problem.triesLeft === null
          ? t('counsellor.signIn.wrongPin')
          : t('counsellor.signIn.wrongPinLeft', { n: problem.triesLeft })
        : problem.kind === 'locked'
          ? t('counsellor.signIn.locked', { name })
          : problem.kind === 'not_enrolled'
            ? t('counsellor.signIn.notEnrolled')
            : problem.kind === 'unknown'
              ? t('counsellor.signIn.unknown')
              : problem.kind === 'short'
                ? t('counsellor.signIn.short')
                : t('counsellor.signIn.failed');
  const isLocked = problem?.kind === 'locked';

  return (
    <form className="counsellor-pin" onSubmit={(e) => void submit(e)} noValidate data-signin="pin-form">
      <p className="counsellor-lead">
        <strong className="counsellor-who">{t('counsellor.signIn.hello', { name })}</strong>
      </p>
      {message && (
        <p ref={messageRef} tabIndex={-1} className="field-error counsellor-message" role="alert" id={`${id}-message`} data-signin="message" data-reason={problem?.kind}>
          {message}
        </p>
      )}
      {!isLocked && (
        <div className="counsellor-pin-row">
          <div className="form-field counsellor-pin-field">
            <label htmlFor={`${id}-pin`}>{t('counsellor.signIn.pin')}</label>
            <p className="hint small-print" id={`${id}-hint`}>
              {t('counsellor.signIn.pinHint')}
            </p>
            <input
              ref={input}
              id={`${id}-pin`}
              className="pin-dots"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={PIN_MAX}
              onInput={(e) => setPin(e.currentTarget.value)}
              aria-describedby={`${id}-hint${message ? ` ${id}-message` : ''}`}
              aria-invalid={problem && problem.kind !== 'other' ? true : undefined}
              disabled={busy}
              data-signin="pin"
            />
            <div className="counsellor-pin-actions">
              <button type="submit" className="big-button" disabled={busy} data-signin="submit">
                {busy ? t('counsellor.signIn.checking') : t('counsellor.signIn.submit')}
              </button>
            </div>
          </div>
          <NumberPad value={pin} onChange={setPin} maxLength={PIN_MAX} label={t('counsellor.signIn.padLabel')} secret />
        </div>
      )}
      <button type="button" className="action-button secondary" onClick={onBack} data-signin="other-name">
        {t('counsellor.signIn.otherName')}
      </button>
    </form>
  );
}

