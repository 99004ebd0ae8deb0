/** CSV as official open-data files come: UTF-8 (with or without BOM) or CP949, RFC 4180 quoting. */

/** A file that cannot be read as CSV (an unterminated quote); the message names the row. */
export class CsvError extends Error {}

/** Decodes bytes as UTF-8 when they are valid UTF-8, else as CP949 (WHATWG "euc-kr" is windows-949). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'cp949' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('euc-kr').decode(bytes), encoding: 'cp949' };
  }
}

export interface CsvRecord {
  /** The record's number as a spreadsheet shows it: the first record is row 1, and a blank line is a row too. */
  row: number;
  /** The line the record starts on (a quoted field may hold line breaks, so rows and lines can differ). */
  line: number;
  cells: string[];
}

/**
 * Records of fields; quotes may hold commas, line breaks and doubled quotes. A quote opens a
 * quoted field only at the start of a field (elsewhere it is an ordinary character, as
 * spreadsheets write it). Records with no text in any cell (blank lines, ",,,") are left out;
 * the rows after them keep their spreadsheet numbers. A quoted field that is never closed is a
 * CsvError naming its row and line, never a silently merged line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  let row = 1;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((c) => c !== '')) records.push({ row, line: recordLine, cells });
    cells = [];
    field = '';
    fieldStart = true;
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text[i];
    if (c === '\r' && text[i + 1] === '\n') {
      c = '\r\n';
      i++;
    }
    const newline = c === '\n' || c === '\r' || c === '\r\n';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      if (newline) line++;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      quoteLine = line;
    } else if (c === ',') {
      cells.push(field);
      field = '';
      fieldStart = true;
    } else if (newline) {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (quoted) throw new CsvError(`row ${row}: a quoted field that opens on line ${quoteLine} is never closed (a " is missing)`);
  if (field !== '' || cells.length || !fieldStart) endRecord();
  return records;
}
