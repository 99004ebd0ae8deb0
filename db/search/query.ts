/**
 * Turns what a person typed into groups of alternatives. Each group is one thing they asked
 * for ("애기", "아플 때"); its alternatives are the words themselves and, through the
 * maintained synonyms file, the catalogue's words for them (애기 → 아기, 영유아).
 */
import { isChosungQuery, normalize, scriptRuns } from './hangul.js';
import { chosungQueryGrams, hanQueryGrams, jamoGrams, latinQueryGram, shortWordGram, syllableGrams } from './grams.js';
import type { Synonym } from './build.js';

export interface Alternative {
  /** normalised text, spaces removed (for exact-containment checks in ranking) */
  key: string;
  grams: string[];
  /** how much a full match of this alternative is worth (1 = the word typed) */
  factor: number;
  mode: 'text' | 'jamo' | 'chosung';
  latin: string[];
  /**
   * A Vietnamese word of one or two letters (one `v:` gram): without its marks it stands for
   * many words (be: bé, bè, bê, bể, bệ …), so it counts by how rare it is in the catalogue.
   */
  short?: boolean;
  /** for a short word: how rare it is (its idf against that of a word found once), set by the searcher for this query */
  rarity?: number;
  /** the word has Chinese characters (the re-ranking compares it with the Chinese title too) */
  han?: boolean;
}

export interface QueryGroup {
  text: string;
  alternatives: Alternative[];
}

/** Particles often typed after a word: 할머니가, 애기를, 병원에서 … stripped when the bare word is known. */
const PARTICLES = ['에서', '한테', '에게', '하고', '까지', '부터', '으로', '이랑', '가', '이', '은', '는', '을', '를', '에', '의', '도', '랑', '로', '와', '과'];

export class SynonymTable {
  private readonly map = new Map<string, string[]>();
  readonly maxWords: number;
  constructor(groups: Synonym[]) {
    let maxWords = 1;
    for (const g of groups) {
      for (const w of g.words) {
        const k = normalize(w).replace(/\s+/g, '');
        const means = g.means.filter((m) => normalize(m).replace(/\s+/g, '') !== k);
        this.map.set(k, [...new Set([...(this.map.get(k) ?? []), ...means])]);
        maxWords = Math.max(maxWords, normalize(w).split(' ').length);
      }
    }
    this.maxWords = maxWords;
  }
  get(k: string): string[] | undefined {
    return this.map.get(k);
  }
}

function stripParticle(word: string, known: (w: string) => boolean): string {
  for (const p of PARTICLES) {
    if (word.length > p.length + 1 && word.endsWith(p)) {
      const bare = word.slice(0, -p.length);
      if (known(bare)) return bare;
    }
  }
  return word;
}

/**
 * The alternatives for one word: its grams, and (for words of three syllables or more that
 * a person typed, not catalogue words from the synonyms file) the jamo comparison that
 * forgives a one-jamo slip. The searcher only uses the jamo one when the word itself is not
 * found whole in any name.
 */
export function alternative(text: string, factor: number, typed = true): Alternative[] {
  const k = normalize(text).replace(/\s+/g, '');
  if (isChosungQuery(k)) {
    const grams = new Set<string>();
    chosungQueryGrams(k, grams);
    return [{ key: k, grams: [...grams], factor, mode: 'chosung', latin: [] }];
  }
  const { hangul, latin, han } = scriptRuns(text);
  const grams = new Set<string>();
  const joined = hangul.join('');
  if (joined) syllableGrams(joined, grams, false);
  for (const run of han) hanQueryGrams(run, grams);
  const latinWords: string[] = [];
  for (const w of latin) {
    const g = latinQueryGram(w) ?? shortWordGram(w);
    if (g) {
      grams.add(g);
      latinWords.push(w);
    }
  }
  const out: Alternative[] = [];
  if (grams.size) {
    const list = [...grams];
    const short = list.length === 1 && list.every((g) => g.startsWith('v:'));
    out.push({ key: k, grams: list, factor, mode: 'text', latin: latinWords, ...(short ? { short } : {}), ...(han.length ? { han: true } : {}) });
  }
  // Typo tolerance: the same word compared jamo by jamo (names only), worth a little less.
  // Two-syllable words are left out: a slip there changes the word, and their grams are the commonest.
  if (typed && Array.from(joined).length >= 3) {
    const jg = new Set<string>();
    jamoGrams(joined, jg);
    if (jg.size) out.push({ key: k, grams: [...jg], factor: factor * 0.8, mode: 'jamo', latin: [] });
  }
  return out;
}

export function parseQuery(query: string, synonyms: SynonymTable): QueryGroup[] {
  const q = normalize(query);
  if (!q) return [];
  if (isChosungQuery(q)) return [{ text: q, alternatives: alternative(q, 1) }];

  const tokens = q.split(' ');
  const groups: QueryGroup[] = [];
  const known = (w: string) => synonyms.get(w) !== undefined;
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    // Longest phrase first: "아플 때", "맡길 곳" span two words.
    for (let j = Math.min(tokens.length, i + synonyms.maxWords); j > i; j--) {
      const phrase = tokens.slice(i, j).join('');
      const bare = stripParticle(phrase, known);
      const means = synonyms.get(bare);
      if (means) {
        const alts = [...alternative(bare, 1), ...means.flatMap((m) => alternative(m, 0.9, false))];
        groups.push({ text: tokens.slice(i, j).join(' '), alternatives: alts });
        i = j;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const word = tokens[i++]!; // i < tokens.length: the loop's condition
    const alts = alternative(word, 1);
    // A particle typed after a word ("할머니가"): also try the bare word.
    const bare = stripParticle(word, (w) => Array.from(w).length >= 2);
    if (bare !== word) alts.push(...alternative(bare, 0.95));
    if (alts.length) groups.push({ text: word, alternatives: alts });
  }
  return groups;
}
