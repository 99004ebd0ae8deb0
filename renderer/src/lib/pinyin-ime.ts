/**
 * The on-screen keyboard's pinyin layout, as a pure state machine over the same state as Hangul
 * (lib/hangul-ime's ImeState, its `pinyin` the letters being composed): letters a–z build the
 * letters (ü typed as v, as Chinese IMEs do); the core answers which of the catalogue's Chinese
 * words they spell (the `pinyin` call, likeliest first); picking one puts it into the text and
 * takes the letters it spells — the rest stays to spell on (育 for "yuer" leaves "er"); the space
 * key picks the first (a space when nothing is being composed; the letters as they are when no
 * word matches them); backspace takes back a letter first, then the text.
 */
import { display, typeKey, type ImeState } from './hangul-ime';

/** A word the letters spell, as the `pinyin` call answers it. */
export interface PinyinCandidate {
  text: string;
  pinyin: string;
  /** how many of the letters it takes */
  letters: number;
}

/** The longest run of letters the core is asked about (the contract's limit). */
export const MAX_LETTERS = 40;

/** The letters being composed ('' when none). */
export const lettersOf = (s: ImeState): string => s.pinyin ?? '';

/** A key on the pinyin layout: a letter (ü as v) joins the letters; anything else is typed as on the other layouts, after the letters as they are. */
export function typePinyin(s: ImeState, key: string): ImeState {
  const k = key === 'ü' ? 'v' : key.toLowerCase();
  if (/^[a-z]$/.test(k)) {
    const letters = lettersOf(s);
    if (letters.length >= MAX_LETTERS) return s;
    // a Hangul syllable being composed (typed before switching) is finished first
    return { text: display({ ...s, pinyin: '' }), cho: '', jung: '', jong: '', pinyin: letters + k };
  }
  return typeKey(s, key);
}

/** A candidate picked: its text joins the text, the letters it spells leave the composition. */
export function pick(s: ImeState, c: PinyinCandidate): ImeState {
  const rest = lettersOf(s).slice(c.letters);
  return { text: s.text + c.text, cho: '', jung: '', jong: '', ...(rest ? { pinyin: rest } : {}) };
}

/** The letters typed on as they are (switching layouts, or no word matches them). */
export function flush(s: ImeState): ImeState {
  return s.pinyin ? { text: display(s), cho: '', jung: '', jong: '' } : s;
}

/**
 * The space key: picks the first candidate while letters are composed (or, when none matches
 * them, types the letters as they are); a space otherwise. `candidates`: those for the letters
 * now composed, or null while they are not known yet (then the letters are typed as they are).
 */
export function space(s: ImeState, candidates: readonly PinyinCandidate[] | null): ImeState {
  if (!lettersOf(s)) return typeKey(s, ' ');
  const first = candidates?.[0];
  return first ? pick(s, first) : flush(s);
}
