/** What the search index knows about one catalogue record (policy, service or facility). */
export interface SearchDocument {
  entryId: string;
  kind: string;
  status: string;
  /** Korean display title (plain words). */
  title: string;
  titleEn: string;
  /** Official title and other names people use. */
  names: string[];
  /** Everyday words and search hints. */
  keywords: string[];
  summary: string;
  /** Longer Korean text: who, what, amount, how to apply, where, address. */
  body: string;
  /** English text other than the title. */
  bodyEn: string;
  /** Vietnamese title, and the Vietnamese text of the same fields as bodyEn (matched with marks folded). */
  titleVi: string;
  bodyVi: string;
  /** Chinese title, and the Chinese text of the same fields as bodyEn (matched by characters). */
  titleZh: string;
  bodyZh: string;
  stages: string[];
  category: string;
  district?: string | null;
  minAgeMonths?: number | null;
  maxAgeMonths?: number | null;
}

/** Field weights: how much a match in each field counts (1 byte in the index). */
export const FIELD_WEIGHT = { title: 10, names: 8, keywords: 6, summary: 3, body: 1.5, titleEn: 10, bodyEn: 3, titleVi: 10, bodyVi: 3, titleZh: 10, bodyZh: 3 } as const;
export const MAX_WEIGHT = 10;
/** Weights are stored as one byte: weight × 20. */
export const WEIGHT_SCALE = 20;

/**
 * The version of what the index holds (search_meta `format`): 2 added Vietnamese and Chinese
 * text; 3 stores search_posting's doc lists as gap varints (gaps.ts) instead of 4-byte numbers.
 * The searcher reads this format only; a catalogue migrated from an older app has its index
 * built again (ensureSearchIndexCurrent).
 */
export const SEARCH_FORMAT = '3';
