/**
 * The on-screen keyboard, keys of at least 64 px. Hangul: consonants in ㄱㄴㄷ order, every vowel
 * (the compound ones ㅘ ㅝ ㅢ … as keys of their own), digits; composes syllables as it goes
 * (lib/hangul-ime). 초성 mode shows consonants only. Latin: a–z and digits, for English and
 * Vietnamese readers (each can switch to the other layout).
 *
 * With a physical keyboard the on-screen keys stay out of the way: they are not in the tab order
 * (typing goes to the search input), and tapping one does not take the focus from the input.
 */
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { backspace, display, typeChosung, typeKey, EMPTY, KEYS, type ImeState, type KeyboardLayout } from '../lib/hangul-ime';

const keepFocus = (e: MouseEvent) => e.preventDefault();

interface Props {
  ime: ImeState;
  onChange: (s: ImeState) => void;
  layout: KeyboardLayout;
  onLayout: (l: KeyboardLayout) => void;
  /** 초성 mode (Hangul only) */
  chosung: boolean;
  onChosung: (b: boolean) => void;
  /** offer the 초성 key (a search: ㄱㅈ finds 긴급지원); a name or an address has no use for it */
  chosungKey?: boolean;
}

export function HangulKeyboard({ ime, onChange, layout, onLayout, chosung, onChosung, chosungKey = true }: Props) {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  const hangul = layout === 'hangul';
  const press = (k: string) => {
    onChange(hangul && chosung ? typeChosung(ime, k) : typeKey(ime, k));
    setShift(false);
  };
  const key = (k: string) => (
    <button key={k} type="button" className="key" tabIndex={-1} onMouseDown={keepFocus} onClick={() => press(k)} aria-label={k}>
      {k}
    </button>
  );
  const control = (label: string, onClick: () => void, o: { pressed?: boolean; disabled?: boolean; data?: Record<string, string> } = {}) => (
    <button type="button" className="key wide" tabIndex={-1} onMouseDown={keepFocus} onClick={onClick} aria-pressed={o.pressed} disabled={o.disabled} {...o.data}>
      {label}
    </button>
  );
  return (
    <div className="keyboard" role="group" aria-label={t('a11y.keyboard')} data-layout={layout}>
      {hangul ? (
        <>
          <div className="key-row">
            {KEYS.consonants.map(key)}
            {(shift || chosung) && KEYS.doubleConsonants.map(key)}
          </div>
          {!chosung && <div className="key-row">{[...KEYS.vowels, ...KEYS.compoundVowels].map(key)}</div>}
        </>
      ) : (
        <div className="key-row">{KEYS.latin.map(key)}</div>
      )}
      <div className="key-row digits">{KEYS.digits.map(key)}</div>
      <div className="key-row controls">
        {hangul && !chosung && control(t('search.shift'), () => setShift(!shift), { pressed: shift })}
        {control(t('search.space'), () => onChange(typeKey(ime, ' ')))}
        {control(`⌫ ${t('search.backspace')}`, () => onChange(backspace(ime)))}
        {control(t('search.clear'), () => onChange(EMPTY), { disabled: display(ime) === '' })}
        {hangul && chosungKey && control(chosung ? t('search.hangul') : t('search.chosung'), () => onChosung(!chosung), { pressed: chosung })}
        {hangul
          ? control(t('search.toLatin'), () => (onChosung(false), setShift(false), onLayout('latin')), { data: { 'data-layout-switch': 'latin' } })
          : control(t('search.toHangul'), () => onLayout('hangul'), { data: { 'data-layout-switch': 'hangul' } })}
      </div>
    </div>
  );
}
