// Types of build/pinyin-table.mjs (a plain Node script that writes core/catalogue/pinyin-table.ts).
/** where the table is written */
export const TABLE_FILE: string;
/** the toneless readings of one character, ü as v */
export function readings(ch: string): string[];
/** the table's source text, as the script writes it */
export function tableSource(): string;
