/**
 * The on-screen Hangul keyboard: consonants in ㄱㄴㄷ order, then vowels, keys of at least
 * 64 px; composes syllables as it goes (lib/hangul-ime). 초성 mode shows consonants only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backspace, display, typeChosung, typeKey, EMPTY, type ImeState } from '../lib/hangul-ime';

const CONSONANTS = ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const DOUBLE_CONSONANTS = ['ㄲ', 'ㄸ', 'ㅃ', 'ㅆ', 'ㅉ'];
const VOWELS = ['ㅏ', 'ㅑ', 'ㅓ', 'ㅕ', 'ㅗ', 'ㅛ', 'ㅜ', 'ㅠ', 'ㅡ', 'ㅣ', 'ㅐ', 'ㅔ'];
const EXTRA_VOWELS = ['ㅒ', 'ㅖ'];

export function HangulKeyboard({ ime, onChange, chosung, onChosung }: { ime: ImeState; onChange: (s: ImeState) => void; chosung: boolean; onChosung: (b: boolean) => void }) {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  const press = (k: string) => {
    onChange(chosung ? typeChosung(ime, k) : typeKey(ime, k));
    setShift(false);
  };
  const key = (k: string) => (
    <button key={k} type="button" className="key" onClick={() => press(k)} aria-label={k}>
      {k}
    </button>
  );
  return (
    <div className="keyboard" role="group" aria-label={t('a11y.keyboard')}>
      <div className="key-row">{CONSONANTS.map(key)}</div>
      {(shift || chosung) && <div className="key-row">{DOUBLE_CONSONANTS.map(key)}</div>}
      {!chosung && <div className="key-row vowels">{VOWELS.map(key)}</div>}
      {!chosung && shift && <div className="key-row vowels">{EXTRA_VOWELS.map(key)}</div>}
      <div className="key-row controls">
        {!chosung && (
          <button type="button" className="key wide" aria-pressed={shift} onClick={() => setShift(!shift)}>
            {t('search.shift')}
          </button>
        )}
        <button type="button" className="key wide" onClick={() => onChange(typeKey(ime, ' '))}>
          {t('search.space')}
        </button>
        <button type="button" className="key wide" onClick={() => onChange(backspace(ime))}>
          ⌫ {t('search.backspace')}
        </button>
        <button type="button" className="key wide" onClick={() => onChange(EMPTY)} disabled={display(ime) === ''}>
          {t('search.clear')}
        </button>
        <button type="button" className="key wide" aria-pressed={chosung} onClick={() => onChosung(!chosung)}>
          {chosung ? t('search.hangul') : t('search.chosung')}
        </button>
      </div>
    </div>
  );
}
