/**
 * The on-screen number pad: for a phone number, a receipt number, a PIN, an age, a date. Keys of
 * at least 64 px in the 1-2-3 phone layout (what seniors know from a telephone), with ⌫ and 지우기.
 * It edits a string of digits (`value`); the caller formats it for display (a phone number with
 * dashes, a PIN as dots) and decides the longest it may be (`maxLength`).
 *
 * Like the Hangul keyboard, the keys stay out of a physical keyboard's way: not in the tab order,
 * and tapping one does not take the focus from the input the digits go to.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

const keepFocus = (e: MouseEvent) => e.preventDefault();
const ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

/** Digits only, at most `max` of them: what the pad (or a physical keyboard) may put in a value. */
export const digitsOnly = (s: string, max: number): string => s.replace(/\D/g, '').slice(0, max);

interface Props {
  value: string;
  onChange: (digits: string) => void;
  maxLength: number;
  /** what the pad fills in, for screen readers ("전화번호 입력") */
  label: string;
  /** a PIN: the keys do not echo their digit to a screen reader after a press */
  secret?: boolean;
}

export function NumberPad({ value, onChange, maxLength, label, secret = false }: Props) {
  const { t } = useTranslation();
  const press = (d: string) => {
    if (value.length < maxLength) onChange(value + d);
  };
  const key = (d: string) => (
    <button key={d} type="button" className="key" tabIndex={-1} onMouseDown={keepFocus} onClick={() => press(d)} aria-label={d} data-digit={d} disabled={value.length >= maxLength}>
      {d}
    </button>
  );
  return (
    <div className="keyboard number-pad" role="group" aria-label={label} data-secret={secret ? '' : undefined}>
      {ROWS.map((row, i) => (
        <div key={i} className="key-row pad-row">
          {row.map(key)}
        </div>
      ))}
      <div className="key-row pad-row">
        <button type="button" className="key" tabIndex={-1} onMouseDown={keepFocus} onClick={() => onChange('')} disabled={value === ''} data-pad="clear">
          {t('search.clear')}
        </button>
        {key('0')}
        <button type="button" className="key" tabIndex={-1} onMouseDown={keepFocus} onClick={() => onChange(value.slice(0, -1))} disabled={value === ''} aria-label={t('search.backspace')} data-pad="backspace">
          ⌫
        </button>
      </div>
    </div>
  );
}
