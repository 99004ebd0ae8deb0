/**
 * Grams: the keys of the search index. One function per kind of key, used by both the
 * index builder (documents) and the searcher (queries), so both sides always agree.
 *
 *   b:아이   syllable bigram (all fields)          u:애    syllable unigram (name fields)
 *   j:ㄷㅗㄹ  jamo trigram of the jamo key (names)   c:ㅇㄷ  초성 bigram and trigram (name fields)
 *   e:chil  Latin/digit word prefix (3..8 chars; whole word for 2-digit numbers), English and Vietnamese alike
 *   v:em    a Vietnamese word of one or two letters, whole (marks folded: em, bé → be, tã → ta)
 *   h:儿童   Chinese: two characters side by side (all fields), or one character (titles)
 */
import { chosung, jamoKey, scriptRuns } from './hangul.js';

/** Prefixes up to 8 letters: enough to tell words apart, and spelling variants meet (hospitalised ≈ hospitalized). */
export const MAX_PREFIX = 8;

/** A surrogate: text beyond the BMP (rare Chinese characters), where a character is two code units. */
const SURROGATE = /[\ud800-\udfff]/;

function ngrams(s: string, n: number, prefix: string, out: Set<string>): void {
  if (!SURROGATE.test(s)) {
    // one code unit per character (Hangul, jamo, Latin, most Chinese): slices, no arrays (the index build's hot loop)
    for (let i = 0; i + n <= s.length; i++) out.add(prefix + s.slice(i, i + n));
    return;
  }
  const chars = Array.from(s);
  for (let i = 0; i + n <= chars.length; i++) out.add(prefix + chars.slice(i, i + n).join(''));
}

/** Bigrams of a Hangul word (or its single syllable as a unigram). */
export function syllableGrams(word: string, out: Set<string>, withUnigrams: boolean): void {
  if ((SURROGATE.test(word) ? Array.from(word).length : word.length) === 1) {
    out.add('u:' + word);
    return;
  }
  ngrams(word, 2, 'b:', out);
  if (withUnigrams) for (const c of word) out.add('u:' + c);
}

export function jamoGrams(word: string, out: Set<string>): void {
  ngrams(jamoKey(word), 3, 'j:', out);
}

/** 초성 bigrams and trigrams (index side). */
export function chosungGrams(text: string, out: Set<string>): void {
  const c = chosung(text);
  ngrams(c, 2, 'c:', out);
  ngrams(c, 3, 'c:', out);
}

/** Query side: trigrams when the query has three or more consonants (far more selective), else the bigram. */
export function chosungQueryGrams(query: string, out: Set<string>): void {
  const c = chosung(query);
  ngrams(c, c.length >= 3 ? 3 : 2, 'c:', out);
}

/** Index side: every prefix of a Latin word from 3 to 8 letters (prefix search). */
export function latinIndexGrams(word: string, out: Set<string>): void {
  if (word.length < 3) {
    if (/^\d{2}$/.test(word)) out.add('e:' + word);
    return;
  }
  const max = Math.min(word.length, MAX_PREFIX);
  for (let n = 3; n <= max; n++) out.add('e:' + word.slice(0, n));
}

/** Query side: one gram per Latin word (its prefix), matched by the prefixes indexed above. */
export function latinQueryGram(word: string): string | null {
  if (word.length < 3) return /^\d{2}$/.test(word) ? 'e:' + word : null;
  return 'e:' + word.slice(0, MAX_PREFIX);
}

/** Query side: a Vietnamese word of one or two letters (marks folded) is looked up whole; other short words are not indexed. */
export function shortWordGram(word: string): string | null {
  return /^[a-z]{1,2}$/.test(word) ? 'v:' + word : null;
}

/** Chinese characters, index side: each pair side by side, and (titles, or a run of one) each character. */
export function hanIndexGrams(run: string, out: Set<string>, withUnigrams: boolean): void {
  const chars = Array.from(run);
  if (withUnigrams || chars.length === 1) for (const c of chars) out.add('h:' + c);
  ngrams(run, 2, 'h:', out);
}

/** Query side: the pairs of a run of two or more characters, else the one character. */
export function hanQueryGrams(run: string, out: Set<string>): void {
  if (Array.from(run).length === 1) out.add('h:' + run);
  else ngrams(run, 2, 'h:', out);
}

/** Grams for a Vietnamese field: word prefixes as for English, and the words of one or two letters whole. */
export function vietnameseGrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of scriptRuns(text).latin) {
    latinIndexGrams(w, out);
    const g = shortWordGram(w);
    if (g) out.add(g);
  }
  return out;
}

/** Grams for a Chinese field: its character pairs, and in a title (as for Korean names) its characters too. */
export function chineseGrams(text: string, isTitle: boolean): Set<string> {
  const out = new Set<string>();
  for (const run of scriptRuns(text).han) hanIndexGrams(run, out, isTitle);
  return out;
}

/**
 * The grams of one word of a field that is not a name (summary, body, English text): a Hangul
 * word's syllable bigrams (or its one syllable), a Latin word's prefixes. Such a field's grams
 * are the union of its words' (fieldGrams), so the index builder can compute each word once.
 */
export function textWordGrams(word: string, latin: boolean, out: Set<string>): void {
  if (latin) latinIndexGrams(word, out);
  else syllableGrams(word, out, false);
}

/** The words of a field that is not a name, in the order fieldGrams takes them: its Hangul words, then its Latin ones. */
export function forEachTextWord(text: string, f: (word: string, latin: boolean) => void): void {
  const { hangul, latin } = scriptRuns(text);
  for (const w of hangul) f(w, false);
  for (const w of latin) f(w, true);
}

/** Grams for a document field. Name fields (title, other names, keywords) get the richer set. */
export function fieldGrams(text: string, isName: boolean): Set<string> {
  const out = new Set<string>();
  if (!isName) {
    forEachTextWord(text, (w, latin) => textWordGrams(w, latin, out));
    return out;
  }
  const { hangul, latin } = scriptRuns(text);
  // Spaces are optional in Korean: index names with spaces removed so 손자녀돌보미 meets 손자녀 돌보미.
  const joined = hangul.join('');
  if (joined) {
    syllableGrams(joined, out, true);
    jamoGrams(joined, out);
    chosungGrams(joined, out);
  }
  for (const w of hangul) if (Array.from(w).length === 1) out.add('u:' + w);
  for (const w of latin) latinIndexGrams(w, out);
  return out;
}
