/**
 * Doc lists as gap varints: ascending document numbers stored as the first number, then each
 * one's distance from the one before, every number an unsigned LEB128 varint (7 bits a byte).
 * Neighbouring documents share grams, so most gaps fit in one byte: the 100,000-record bench
 * catalogue's posting lists take 22 MB instead of 78 MB as 4-byte numbers, and 8 MB instead of
 * 18 MB compressed. Search segments (segment.ts) and the base posting lists (search_posting,
 * index format 3) both store their doc lists this way.
 *
 * Pure: no Node modules.
 */

/** A growable byte buffer with varint writes. */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;
  constructor(size = 1 << 12) {
    this.buf = new Uint8Array(size);
  }
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }
  byte(v: number): void {
    this.room(1);
    this.buf[this.length++] = v;
  }
  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /** ascending doc numbers docs[from..to) as gap varints */
  gaps(docs: Uint32Array, from: number, to: number): void {
    this.room(5 * (to - from));
    let prev = 0;
    for (let i = from; i < to; i++) {
      const d = docs[i]!; // from ≤ i < to ≤ docs.length
      let v = d - prev;
      prev = d;
      while (v >= 0x80) {
        this.buf[this.length++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      this.buf[this.length++] = v;
    }
  }
  /** the bytes written so far, copied */
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
  /** the bytes written so far, not copied: valid until the next write */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Reads `n` gap-varint doc numbers from bytes[from..to), which they must fill exactly; every
 * number below `limit`, strictly ascending. Returns the numbers, or why the bytes are not such
 * a list (a damaged or foreign blob must not reach the searcher).
 */
export function readGaps(bytes: Uint8Array, from: number, to: number, n: number, limit: number): Uint32Array | string {
  const docs = new Uint32Array(n);
  let at = from;
  let d = 0;
  for (let j = 0; j < n; j++) {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (at >= to) return 'the doc numbers end too early';
      const x = bytes[at++]!; // at < to ≤ bytes.length
      v += (x & 0x7f) * scale;
      if (x < 0x80) break;
      scale *= 128;
      if (scale > 2 ** 28) return 'a doc number is too long';
    }
    if (j > 0 && v === 0) return 'the doc numbers do not ascend';
    d += v;
    if (d >= limit) return `doc ${d} lies outside the ${limit} documents`;
    docs[j] = d;
  }
  return at === to ? docs : 'the doc numbers do not fill their bytes';
}
