/**
 * Grams: the keys of the search index. One function per kind of key, used by both the
 * index builder (documents) and the searcher (queries), so both sides always agree.
 *
 *   b:아이   syllable bigram (all fields)          u:애    syllable unigram (name fields)
 *   j:ㄷㅗㄹ  jamo trigram of the jamo key (names)   c:ㅇㄷ  초성 bigram and trigram (name fields)
 *   e:chil  Latin/digit word prefix (3..8 chars; whole word for 2-digit numbers)
 */
import { chosung, jamoKey, scriptRuns } from './hangul.js';

/** Prefixes up to 8 letters: enough to tell words apart, and spelling variants meet (hospitalised ≈ hospitalized). */
export const MAX_PREFIX = 8;

function ngrams(s: string, n: number, prefix: string, out: Set<string>): void {
  const chars = Array.from(s);
  if (chars.length < n) return;
  for (let i = 0; i + n <= chars.length; i++) out.add(prefix + chars.slice(i, i + n).join(''));
}

/** Bigrams of a Hangul word (or its single syllable as a unigram). */
export function syllableGrams(word: string, out: Set<string>, withUnigrams: boolean): void {
  const chars = Array.from(word);
  if (chars.length === 1) {
    out.add('u:' + word);
    return;
  }
  ngrams(word, 2, 'b:', out);
  if (withUnigrams) for (const c of chars) out.add('u:' + c);
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

/** Grams for a document field. Name fields (title, other names, keywords) get the richer set. */
export function fieldGrams(text: string, isName: boolean): Set<string> {
  const out = new Set<string>();
  const { hangul, latin } = scriptRuns(text);
  if (isName) {
    // Spaces are optional in Korean: index names with spaces removed so 손자녀돌보미 meets 손자녀 돌보미.
    const joined = hangul.join('');
    if (joined) {
      syllableGrams(joined, out, true);
      jamoGrams(joined, out);
      chosungGrams(joined, out);
    }
    for (const w of hangul) if (Array.from(w).length === 1) out.add('u:' + w);
  } else {
    for (const w of hangul) syllableGrams(w, out, false);
  }
  for (const w of latin) latinIndexGrams(w, out);
  return out;
}
