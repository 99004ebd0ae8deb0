/**
 * Hangul helpers for search: syllable decomposition, 초성 (initial consonants),
 * and a jamo key that makes spelling variants meet (돌봄이 ≡ 돌보미).
 *
 * Unicode: a precomposed syllable is 0xAC00 + (initial*21 + medial)*28 + final.
 */

const SBASE = 0xac00;
const SCOUNT = 11172;
const NCOUNT = 588; // 21 * 28
const TCOUNT = 28;

/** Compatibility jamo for the 19 initials, 21 medials and 27 finals (index 0 of finals = none). */
export const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
export const MEDIALS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
export const FINALS = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

/** Compound medials and finals split into their parts, so a one-jamo slip costs one jamo. */
const SPLIT: Record<string, string> = {
  ㅘ: 'ㅗㅏ', ㅙ: 'ㅗㅐ', ㅚ: 'ㅗㅣ', ㅝ: 'ㅜㅓ', ㅞ: 'ㅜㅔ', ㅟ: 'ㅜㅣ', ㅢ: 'ㅡㅣ',
  ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ',
};

/** The silent initial ㅇ (dropped in the jamo key), and the medials and finals with compounds split, by index. */
const SILENT = INITIALS.indexOf('ㅇ');
const SPLIT_MEDIALS = Array.from(MEDIALS, (m) => SPLIT[m] ?? m);
const SPLIT_FINALS = FINALS.map((f) => SPLIT[f] ?? f);

export function isSyllable(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= SBASE && c < SBASE + SCOUNT;
}

/** Compatibility consonant jamo ㄱ..ㅎ (U+3131..U+314E). */
export function isConsonantJamo(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x3131 && c <= 0x314e;
}

export function isHangul(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return isSyllable(ch) || (c >= 0x3131 && c <= 0x318e);
}

export function decompose(ch: string): [string, string, string] | null {
  if (!isSyllable(ch)) return null;
  const s = ch.charCodeAt(0) - SBASE;
  // 0 ≤ s < SCOUNT (a syllable), so each index is within its table: 19 initials, 21 medials, 28 finals.
  return [INITIALS.charAt(Math.floor(s / NCOUNT)), MEDIALS.charAt(Math.floor((s % NCOUNT) / TCOUNT)), FINALS[s % TCOUNT]!];
}

export function compose(initial: string, medial: string, final = ''): string {
  const i = INITIALS.indexOf(initial);
  const m = MEDIALS.indexOf(medial);
  const f = FINALS.indexOf(final);
  if (i < 0 || m < 0 || f < 0) throw new Error(`cannot compose ${initial}+${medial}+${final}`);
  return String.fromCharCode(SBASE + i * NCOUNT + m * TCOUNT + f);
}

/** 초성 string: 아이돌봄 → ㅇㅇㄷㅂ. Non-Hangul characters are dropped. */
export function chosung(text: string): string {
  // by code unit, without decompose's arrays (the index build calls this for every name): a
  // character beyond the BMP is two surrogates, neither a syllable nor a jamo, dropped as before
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= SBASE && c < SBASE + SCOUNT) out += INITIALS.charAt(Math.floor((c - SBASE) / NCOUNT));
    else if (c >= 0x3131 && c <= 0x314e) out += text.charAt(i);
  }
  return out;
}

/** True when the text is only consonant jamo (a 초성 query such as ㅇㅇㄷㅂ). */
export function isChosungQuery(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  if (t.length < 2) return false;
  for (const ch of t) if (!isConsonantJamo(ch)) return false;
  return true;
}

/**
 * Jamo key: syllables spelled out jamo by jamo, compounds split, and the silent initial ㅇ
 * dropped, so that spellings which sound alike meet: 돌봄이 and 돌보미 → ㄷㅗㄹㅂㅗㅁㅣ.
 */
export function jamoKey(text: string): string {
  // by code unit, as chosung: surrogates are not Hangul and are dropped, as whole characters were
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= SBASE && c < SBASE + SCOUNT) {
      const s = c - SBASE;
      const i = Math.floor(s / NCOUNT);
      if (i !== SILENT) out += INITIALS.charAt(i);
      out += SPLIT_MEDIALS[Math.floor((s % NCOUNT) / TCOUNT)]!; // < 21 entries
      out += SPLIT_FINALS[s % TCOUNT]!; // < 28 entries ('' for none)
    } else if (c >= 0x3131 && c <= 0x318e) {
      const ch = text.charAt(k);
      out += SPLIT[ch] ?? ch;
    }
  }
  return out;
}

/** Latin letters that may carry marks (Latin-1 to Latin Extended-B, Latin Extended Additional: ặ, ữ …) and combining marks. */
const MARKED_LATIN = /(?:[\u00c0-\u024f\u1e00-\u1eff]|[\u0300-\u036f])+/g;

/**
 * Vietnamese (any Latin text) folded for matching: lower case, marks removed (NFD, then the
 * combining marks dropped: tones and ă â ê ô ơ ư alike), đ → d — so `ta em be`, `tã em bé` and
 * `TÃ EM BÉ` meet. Only Latin letters are touched: NFD would take Hangul syllables apart.
 */
export function foldLatin(text: string): string {
  return text.toLowerCase().replace(MARKED_LATIN, (run) => run.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'));
}

/** Text normalize leaves as it is: Hangul syllables, small ASCII letters and digits, words one space apart. */
const NORMAL = /^[\uac00-\ud7a3a-z0-9]+(?: [\uac00-\ud7a3a-z0-9]+)*$/;

/** Normalises for matching: NFC, lower case, Latin marks folded (foldLatin), unify punctuation; keeps spaces. */
export function normalize(text: string): string {
  // Most names, keywords and addresses are normal already: one test instead of seven passes (the index build's hot path).
  if (NORMAL.test(text)) return text;
  return foldLatin(
    text
      .normalize('NFC')
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)), // full-width Latin → ASCII (NFKC would also turn ㅅ into a conjoining jamo)
  )
    .replace(/[·•ㆍ‧・]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits normalised text into runs of Hangul, runs of Latin letters/digits (marks folded), and runs of Chinese characters. */
export function scriptRuns(text: string): { hangul: string[]; latin: string[]; han: string[] } {
  const hangul: string[] = [];
  const latin: string[] = [];
  const han: string[] = [];
  for (const m of normalize(text).matchAll(/[\uac00-\ud7a3\u3131-\u318e]+|[a-z0-9]+|\p{Script=Han}+/gu)) {
    const w = m[0];
    if (/^[a-z0-9]/.test(w)) latin.push(w);
    else if (isHangul(w)) hangul.push(w);
    else han.push(w);
  }
  return { hangul, latin, han };
}
