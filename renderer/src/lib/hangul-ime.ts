/**
 * On-screen keyboard composition (두벌식 rules), as a pure state machine:
 * ㅎ+ㅏ+ㄴ → 한; 한+ㅏ → 하나 (the final moves on); ㄹ+ㄱ → ㄺ (double finals);
 * ㅗ+ㅏ → ㅘ (compound vowels), though ㅘ is a key of its own too, so no one needs to know that;
 * digits, Latin letters and spaces finish the syllable and are added as they are;
 * backspace takes back one key at a time. Also the keys each layout shows. The pinyin layout's
 * letters being composed (lib/pinyin-ime) are part of the same state: shown after the text, and
 * typed on as they are when a Hangul key comes.
 */
const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const DOUBLE_JONG: Record<string, string> = { ㄱㅅ: 'ㄳ', ㄴㅈ: 'ㄵ', ㄴㅎ: 'ㄶ', ㄹㄱ: 'ㄺ', ㄹㅁ: 'ㄻ', ㄹㅂ: 'ㄼ', ㄹㅅ: 'ㄽ', ㄹㅌ: 'ㄾ', ㄹㅍ: 'ㄿ', ㄹㅎ: 'ㅀ', ㅂㅅ: 'ㅄ' };
const COMPOUND_JUNG: Record<string, string> = { ㅗㅏ: 'ㅘ', ㅗㅐ: 'ㅙ', ㅗㅣ: 'ㅚ', ㅜㅓ: 'ㅝ', ㅜㅔ: 'ㅞ', ㅜㅣ: 'ㅟ', ㅡㅣ: 'ㅢ' };
const SPLIT_JONG = Object.fromEntries(Object.entries(DOUBLE_JONG).map(([k, v]) => [v, [k.charAt(0), k.charAt(1)] as const]));
const SPLIT_JUNG = Object.fromEntries(Object.entries(COMPOUND_JUNG).map(([k, v]) => [v, k.charAt(0)]));

export const isConsonant = (k: string): boolean => CHO.includes(k) || k in SPLIT_JONG;
export const isVowel = (k: string): boolean => JUNG.includes(k);

export interface ImeState {
  /** finished text */
  text: string;
  cho: string;
  jung: string;
  jong: string;
  /** the vowel was composed from two keys (ㅗ then ㅏ): backspace takes back the second; a vowel tapped as one key goes whole */
  composed?: boolean;
  /** the pinyin layout's letters not yet made Chinese (lib/pinyin-ime): never together with a syllable being composed */
  pinyin?: string;
}

export const EMPTY: ImeState = { text: '', cho: '', jung: '', jong: '' };

function syllable(cho: string, jung: string, jong: string): string {
  if (cho && jung) return String.fromCharCode(0xac00 + (CHO.indexOf(cho) * 21 + JUNG.indexOf(jung)) * 28 + JONG.indexOf(jong));
  return cho + jung + jong;
}

/** What the person sees: the finished text plus the syllable (or the pinyin letters) being composed. */
export const display = (s: ImeState): string => s.text + syllable(s.cho, s.jung, s.jong) + (s.pinyin ?? '');

/** What is searched for: the finished text and a Hangul syllable being composed — not pinyin letters, which are not Chinese yet. */
export const searchText = (s: ImeState): string => s.text + syllable(s.cho, s.jung, s.jong);

const commit = (s: ImeState): ImeState => ({ text: display(s), cho: '', jung: '', jong: '' });

/** Pinyin letters left when Hangul is typed are kept as the letters they are. */
const settle = (s: ImeState): ImeState => (s.pinyin ? commit(s) : s);

export function typeKey(before: ImeState, key: string): ImeState {
  const s = settle(before);
  if (isVowel(key)) {
    if (s.jong) {
      // The final consonant moves to the new syllable: 한 + ㅏ → 하나; 닭 + ㅏ → 달가.
      const split = SPLIT_JONG[s.jong];
      const [stay, move] = split ? [split[0], split[1]] : ['', s.jong];
      return { text: display({ ...s, jong: stay }), cho: move, jung: key, jong: '' };
    }
    if (s.jung) {
      const compound = COMPOUND_JUNG[s.jung + key];
      return compound ? { ...s, jung: compound, composed: true } : { text: display(s), cho: '', jung: key, jong: '' };
    }
    return { ...s, jung: key };
  }
  if (isConsonant(key)) {
    if (s.cho && s.jung) {
      if (!s.jong) return JONG.includes(key) ? { ...s, jong: key } : { text: display(s), cho: key, jung: '', jong: '' };
      const dbl = DOUBLE_JONG[s.jong + key];
      if (dbl) return { ...s, jong: dbl };
    }
    return { text: display(s), cho: key, jung: '', jong: '' };
  }
  // a space, a digit, a Latin letter or any other character finishes the syllable
  return { ...commit(s), text: display(s) + key };
}

export function backspace(s: ImeState): ImeState {
  if (s.pinyin) return { ...s, pinyin: s.pinyin.slice(0, -1) };
  if (s.jong) return { ...s, jong: SPLIT_JONG[s.jong]?.[0] ?? '' };
  if (s.jung) return { ...s, jung: (s.composed && SPLIT_JUNG[s.jung]) || '', composed: false };
  if (s.cho) return { ...s, cho: '' };
  const chars = Array.from(s.text);
  chars.pop();
  return { ...EMPTY, text: chars.join('') };
}

/** 초성 mode: consonants are added as they are, never composed. */
export function typeChosung(s: ImeState, key: string): ImeState {
  return { ...EMPTY, text: display(settle(s)) + key };
}

export const fromText = (text: string): ImeState => ({ ...EMPTY, text });

/** The keys: the person sees every character they can type (nothing is made by knowing how jamo combine). */
export const KEYS = {
  /** in ㄱㄴㄷ order */
  consonants: ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'],
  /** 된소리: behind the shift key (always shown in 초성 mode) */
  doubleConsonants: ['ㄲ', 'ㄸ', 'ㅃ', 'ㅆ', 'ㅉ'],
  /** the ten basic vowels in ㅏㅑㅓㅕ order, then ㅐ ㅒ ㅔ ㅖ */
  vowels: ['ㅏ', 'ㅑ', 'ㅓ', 'ㅕ', 'ㅗ', 'ㅛ', 'ㅜ', 'ㅠ', 'ㅡ', 'ㅣ', 'ㅐ', 'ㅒ', 'ㅔ', 'ㅖ'],
  /** the compound vowels, as keys of their own (ㅜ then ㅓ still makes ㅝ, for those who know) */
  compoundVowels: ['ㅘ', 'ㅙ', 'ㅚ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅢ'],
  /** as on a phone or a keyboard's top row */
  digits: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  /** a–z in alphabetical order, as the Hangul keys are in ㄱㄴㄷ order; plain letters (Vietnamese search needs no diacritics) */
  latin: Array.from('abcdefghijklmnopqrstuvwxyz'),
} as const;

export type KeyboardLayout = 'hangul' | 'latin' | 'pinyin';

/** The layout a language starts with: Latin letters for English and Vietnamese readers, pinyin for Chinese, Hangul for Korean. */
export const layoutFor = (lang: string): KeyboardLayout => (lang === 'en' || lang === 'vi' ? 'latin' : lang === 'zh' ? 'pinyin' : 'hangul');
