/**
 * 비밀번호 바꾸기: the current PIN, the new one twice — each a password input (dots only, written
 * through its value property), one number pad for whichever is chosen. The host checks the
 * current PIN (a wrong one counts towards the lock, and says the tries left) and re-encrypts the
 * counsellor's drafts with the new one.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { NumberPad, digitsOnly } from '../../components/NumberPad';
import { apiError } from '../../lib/use-api';
import { noteRefusal, triesLeftNow } from './state';

const PIN_MAX = 8;
const PIN_MIN = 6;
const FIELDS = ['current', 'next', 'again'] as const;
type Field = (typeof FIELDS)[number];

export function ChangePin({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [pins, setPins] = useState<Record<Field, string>>({ current: '', next: '', again: '' });
  const [active, setActive] = useState<Field>('current');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: Field | null; text: string } | null>(null);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), again: useRef<HTMLInputElement>(null) };
  const messageRef = useRef<HTMLParagraphElement>(null);

  const set = (f: Field, v: string) => {
    const d = digitsOnly(v, PIN_MAX);
    setPins((p) => ({ ...p, [f]: d }));
    const el = refs[f].current;
    if (el && el.value !== d) el.value = d;
  };
  const clearAll = () => FIELDS.forEach((f) => set(f, ''));
  useEffect(() => refs.current.current?.focus({ preventScroll: true }), []); // eslint-disable-line react-hooks/exhaustive-deps

  const show = (field: Field | null, text: string) => {
    setProblem({ field, text });
    requestAnimationFrame(() => (field ? refs[field].current?.focus() : messageRef.current?.focus()));
    if (field) setActive(field);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const short = FIELDS.find((f) => pins[f].length < PIN_MIN);
    if (short) return show(short, t('counsellor.signIn.short'));
    if (pins.next !== pins.again) return show('again', t('counsellor.pin.mismatch'));
    if (pins.next === pins.current) return show('next', t('counsellor.pin.same'));
    setBusy(true);
    setProblem(null);
    const { current, next } = pins;
    clearAll();
    try {
      const r = await api.counsellorChangePin({ pin: current, newPin: next });
      onDone(t('counsellor.pin.changed', { n: r.drafts }));
      return;
    } catch (err) {
      const error = apiError(err);
      if (noteRefusal(error)) return;
      if (error.reason === 'wrong_pin') {
        const left = await triesLeftNow();
        show('current', left === null ? t('counsellor.signIn.wrongPin') : t('counsellor.signIn.wrongPinLeft', { n: left }));
      } else if (error.reason === 'locked') show(null, t('counsellor.pin.locked'));
      else if (error.reason === 'same_pin') show('next', t('counsellor.pin.same'));
      else if (error.reason === 'bad_pin') show('next', t('counsellor.signIn.short'));
      else {
        console.error(`PIN not changed: ${error.code}: ${error.message}`);
        show(null, t('counsellor.pin.failed'));
      }
    } finally {
      setBusy(false);
    }
  };

  const label: Record<Field, string> = { current: t('counsellor.pin.current'), next: t('counsellor.pin.next'), again: t('counsellor.pin.again') };
  return (
    <form className="counsellor" onSubmit={(e) => void submit(e)} noValidate data-counsellor="change-pin">
      <h1>{t('counsellor.pin.title')}</h1>
      <p className="counsellor-lead">{t('counsellor.pin.hint')}</p>
      {problem && (
        <p ref={messageRef} tabIndex={-1} className="field-error counsellor-message" role="alert" id={`${id}-message`} data-pin="message">
          {problem.text}
        </p>
      )}
      <div className="counsellor-pins">
        <div className="form-fields">
          {FIELDS.map((f) => (
            <div key={f} className="form-field">
              <label htmlFor={`${id}-${f}`}>{label[f]}</label>
              <input
                ref={refs[f]}
                id={`${id}-${f}`}
                className="pin-dots"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={PIN_MAX}
                onFocus={() => setActive(f)}
                onInput={(e) => set(f, e.currentTarget.value)}
                aria-invalid={problem?.field === f ? true : undefined}
                aria-describedby={problem?.field === f ? `${id}-message` : undefined}
                disabled={busy}
                data-pin={f}
              />
            </div>
          ))}
        </div>
        {/* the pad, then 바꾸기 under it: beside the fields on a laptop, below them on a portrait kiosk */}
        <div className="counsellor-pad-column">
          <NumberPad value={pins[active]} onChange={(v) => set(active, v)} maxLength={PIN_MAX} label={t('counsellor.pin.padLabel', { field: label[active] })} secret />
          <button type="submit" className="big-button" disabled={busy} data-pin="submit">
            {busy ? t('counsellor.signIn.checking') : t('counsellor.pin.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}
