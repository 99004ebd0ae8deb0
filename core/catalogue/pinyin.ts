/**
 * The pinyin keyboard's words: Chinese words and characters from the catalogue's own Chinese
 * text (titles, names, summaries, every `zh` text of the entries and the FAQ, the search's
 * synonyms and examples), each with its toneless readings (pinyin-table.ts), and the ones a
 * buffer of letters spells, likeliest first.
 *
 * Chinese has no spaces, so a "word" here is what the catalogue shows as one: a single character,
 * a short text or phrase written alone (a title's run of characters, a synonym, an example: 尿布,
 * 育儿津贴), or a run of two to four characters the catalogue uses at least twice (育儿, 儿童) — not
 * one that begins or ends with a particle (的, 和 …), which would join two words.
 *
 * A buffer spells a word when it splits into one part per character, each part a reading of its
 * character: whole ("yuer" → 育儿), the last a reading's beginning ("yue" → 育儿), or any part
 * a reading's beginning ("ye" → 育儿, initials). A word that spells only the buffer's beginning,
 * in whole readings, is offered too, and takes only those letters (育 for "yuer", the rest stays).
 * Order: words that take the whole buffer first — longer words first, whole readings before a
 * cut last one, then by how often the catalogue uses them; initials after those; then the words
 * that take the beginning, those that leave whole readings behind first ("er" after 育, not "r"
 * after 月).
 *
 * The words are gathered from the catalogue in use on the first call and kept with it: a replaced
 * catalogue is a new object, so its words are gathered again (as core/forms/registry.ts keeps forms).
 */
import type { Catalogue } from '../../db/catalogue/store.js';
import { SEARCH_EXAMPLES } from '../contract/lists.js';
import type { Output } from '../contract/kiosk-api.js';
import { PINYIN_TABLE } from './pinyin-table.js';

export interface PinyinWord {
  text: string;
  /** each character's toneless readings */
  readings: string[][];
  /** how often the catalogue uses it */
  count: number;
}

export interface PinyinCandidate {
  text: string;
  /** the readings it was matched by, spaced (yu er) */
  pinyin: string;
  /** how many of the buffer's letters it takes (the rest stays in the buffer) */
  letters: number;
}

let table: Map<string, string[]> | undefined;
let syllables: Set<string> | undefined;
/** A character's toneless readings (empty for one the table does not hold). */
export function readingsOf(ch: string): string[] {
  if (!table) {
    table = new Map();
    for (const [s, chars] of Object.entries(PINYIN_TABLE)) for (const c of chars) table.set(c, [...(table.get(c) ?? []), s]);
  }
  return table.get(ch) ?? [];
}
const isSyllable = (s: string): boolean => (syllables ??= new Set(Object.keys(PINYIN_TABLE))).has(s);

/** Characters that join words rather than make them: an n-gram beginning or ending with one is not a word. */
const PARTICLES = new Set(Array.from('的了和与及或在是为由对等并也但而就都将把被从向给以其之这那每各所可'));
/** The longest text taken whole as a word, and the longest repeated run. */
const MAX_WHOLE = 8;
const MAX_GRAM = 4;

/** The runs of Chinese characters in a text, split where a character has no reading (the table holds the BMP's characters only). */
function runs(s: string): string[] {
  const out: string[] = [];
  for (const run of s.match(/\p{Script=Han}+/gu) ?? []) {
    let part = '';
    for (const c of run) {
      if (readingsOf(c).length) part += c;
      else if (part) {
        out.push(part);
        part = '';
      }
    }
    if (part) out.push(part);
  }
  return out;
}

/**
 * The words of some Chinese texts: `texts` are read for characters and repeated runs (each
 * text counts once per place it is written); `whole` are short texts (titles, names, synonyms,
 * examples) whose runs are words as they stand.
 */
export function buildLexicon(texts: readonly string[], whole: readonly string[]): PinyinWord[] {
  // (every character with a reading is in the BMP, so a run's string indexes are its characters)
  const seen = new Map<string, Seen>();
  for (const text of [...texts, ...whole])
    for (const run of runs(text))
      for (let i = 0; i < run.length; i++)
        for (let n = 1; n <= MAX_GRAM && i + n <= run.length; n++) {
          const w = run.slice(i, i + n);
          let x = seen.get(w);
          if (!x) seen.set(w, (x = { count: 0 }));
          x.count++;
          if (n > 1) {
            x.before = neighbour(x.before, run[i - 1]);
            x.after = neighbour(x.after, run[i + n]);
          }
        }
  const words = new Set<string>();
  for (const text of whole) for (const run of runs(text)) if (run.length <= MAX_WHOLE) words.add(run);
  for (const [w, x] of seen) {
    if (w.length === 1) words.add(w);
    // a word stands among different neighbours on both sides; a piece of a longer word (育儿津 of
    // 育儿津贴) or the ends of two words (院儿 of 医院儿童) does not; nor does a run that begins or ends with a particle
    else if (x.before === VARIED && x.after === VARIED && !PARTICLES.has(w[0]!) && !PARTICLES.has(w.at(-1)!)) words.add(w);
  }
  return [...words].map((text) => ({ text, readings: Array.from(text).map(readingsOf), count: seen.get(text)?.count ?? 1 }));
}

/** A run's count, and what stood before and after it: the one character seen so far, or VARIED (two different ones, or the text's edge twice). */
interface Seen {
  count: number;
  before?: string;
  after?: string;
}
const VARIED = '*';
/** The neighbours so far, after one more (undefined: the edge of the run, which counts as different every time). */
const neighbour = (so: string | undefined, ch: string | undefined): string => (so === undefined ? (ch ?? '') : so === VARIED || ch === undefined || ch !== so ? VARIED : so);

/** How a word spells letters: 3 all readings whole, 2 the last one cut short, 1 initials (an earlier one cut short). */
type Fit = { quality: 1 | 2 | 3; pinyin: string[] };

/** The best way `letters` spell all of `word`'s characters, one part each (null: they do not). */
export function spell(word: readonly (readonly string[])[], letters: string): Fit | null {
  const memo = new Map<number, Fit | null>();
  // the best spelling of characters i… by letters at…
  const from = (i: number, at: number): Fit | null => {
    if (i === word.length) return at === letters.length ? { quality: 3, pinyin: [] } : null;
    const key = i * 256 + at;
    if (memo.has(key)) return memo.get(key)!;
    const last = i === word.length - 1;
    let best: Fit | null = null;
    for (const r of word[i]!)
      // leave a letter at least for each character after this one
      for (let n = Math.min(r.length, letters.length - at - (word.length - i - 1)); n >= 1 && best?.quality !== 3; n--) {
        if (letters.slice(at, at + n) !== r.slice(0, n)) continue;
        const rest = from(i + 1, at + n);
        if (!rest) continue;
        const quality = n === r.length ? rest.quality : last ? 2 : 1;
        if (!best || quality > best.quality) best = { quality, pinyin: [r, ...rest.pinyin] };
      }
    memo.set(key, best);
    return best;
  };
  return from(0, 0);
}

/** The buffer's beginnings a word spells in whole readings, leaving letters over (how many letters each takes, and by which readings). */
function spellsStart(word: readonly (readonly string[])[], letters: string): { letters: number; pinyin: string[] }[] {
  const out: { letters: number; pinyin: string[] }[] = [];
  const go = (i: number, at: number, used: string[]) => {
    if (i === word.length) {
      if (at < letters.length) out.push({ letters: at, pinyin: used });
      return;
    }
    for (const r of word[i]!) if (letters.startsWith(r, at)) go(i + 1, at + r.length, [...used, r]);
  };
  go(0, 0, []);
  return out;
}

let prefixes: Set<string> | undefined;
/** How letters left over split into readings: 2 whole ones ("er"), 1 the last one begun ("r"), 0 not at all. */
function splits(s: string): 0 | 1 | 2 {
  prefixes ??= new Set(Object.keys(PINYIN_TABLE).flatMap((r) => Array.from(r, (_, n) => r.slice(0, n + 1))));
  const memo = new Map<number, 0 | 1 | 2>();
  const from = (at: number): 0 | 1 | 2 => {
    if (at === s.length) return 2;
    const known = memo.get(at);
    if (known !== undefined) return known;
    let best: 0 | 1 | 2 = prefixes!.has(s.slice(at)) ? 1 : 0;
    for (let n = Math.min(6, s.length - at); n >= 1 && best < 2; n--) if (isSyllable(s.slice(at, at + n))) best = Math.max(best, from(at + n)) as 0 | 1 | 2;
    memo.set(at, best);
    return best;
  };
  return from(0);
}

/** The words `letters` (a–z, ü as v) spell, likeliest first (see the file's comment). */
export function candidates(words: readonly PinyinWord[], letters: string): PinyinCandidate[] {
  type Ranked = PinyinCandidate & { rank: number[] };
  const out: Ranked[] = [];
  const rests = new Map<string, number>();
  const restSplits = (rest: string): number => rests.get(rest) ?? (rests.set(rest, splits(rest)), rests.get(rest)!);
  for (const w of words) {
    if (!w.readings[0]!.some((r) => r[0] === letters[0])) continue;
    const fit = w.readings.length <= letters.length ? spell(w.readings, letters) : null;
    if (fit) {
      // whole or last-cut words by length, then quality; initials after all of them
      const tier = fit.quality === 1 ? 1 : 2;
      out.push({ text: w.text, pinyin: fit.pinyin.join(' '), letters: letters.length, rank: [tier, w.readings.length, fit.quality, w.count] });
      continue;
    }
    // the beginning that leaves the best-split rest, then the longest
    let start: { letters: number; pinyin: string[]; rest: number } | undefined;
    for (const st of spellsStart(w.readings, letters)) {
      const rest = restSplits(letters.slice(st.letters));
      if (!start || rest > start.rest || (rest === start.rest && st.letters > start.letters)) start = { ...st, rest };
    }
    if (start) out.push({ text: w.text, pinyin: start.pinyin.join(' '), letters: start.letters, rank: [0, start.rest, start.letters, w.readings.length, w.count] });
  }
  const cmp = (a: Ranked, b: Ranked) => {
    for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
      const d = (b.rank[i] ?? 0) - (a.rank[i] ?? 0);
      if (d) return d;
    }
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  };
  return out.sort(cmp).map(({ text, pinyin, letters }) => ({ text, pinyin, letters }));
}

/** Every piece of Chinese the catalogue holds: its texts, and the short ones taken whole as words. */
export function catalogueChinese(catalogue: Catalogue): { texts: string[]; whole: string[] } {
  const texts: string[] = [];
  const whole: string[] = [];
  const walk = (v: unknown, into: string[]) => {
    if (typeof v === 'string') into.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, into);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, into);
  };
  const { entries, faq, synonyms } = catalogue.chineseSources();
  for (const data of entries) {
    const e = JSON.parse(data) as { title?: { zh?: string }; official_title?: { zh?: string }; organization?: { name?: { zh?: string } }; alt_names?: string[]; keywords?: string[] };
    walk(e, texts);
    walk([e.title?.zh, e.official_title?.zh, e.organization?.name?.zh, e.alt_names, e.keywords], whole);
  }
  for (const data of faq) walk(JSON.parse(data), texts);
  walk(synonyms, whole);
  walk(SEARCH_EXAMPLES.zh.map((x) => x.text), whole);
  return { texts, whole };
}

/** Each catalogue's words, made on the first call (a replaced catalogue is a new object). */
const lexicons = new WeakMap<Catalogue, PinyinWord[]>();
export function lexiconOf(catalogue: Catalogue): PinyinWord[] {
  let words = lexicons.get(catalogue);
  if (!words) {
    const { texts, whole } = catalogueChinese(catalogue);
    lexicons.set(catalogue, (words = buildLexicon(texts, whole)));
  }
  return words;
}

/** The `pinyin` call: the catalogue's words the letters spell, a first page of them, and how many in all. */
export function pinyinView(catalogue: Catalogue, input: { letters: string; limit?: number }): Output<'pinyin'> {
  const all = candidates(lexiconOf(catalogue), input.letters);
  return { candidates: all.slice(0, input.limit ?? 60), total: all.length };
}
