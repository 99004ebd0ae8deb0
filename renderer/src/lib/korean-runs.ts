/** Hangul: syllables and jamo (conjoining and compatibility, as in an example like ㅇㅇㄷㅂ), by Unicode's script property. */
const HANGUL = /\p{Script=Hangul}+/gu;

/** A text cut into its runs of Korean letters and what lies between them, in order; joined, they are the text. */
export function koreanRuns(text: string): { text: string; korean: boolean }[] {
  const out: { text: string; korean: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(HANGUL)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), korean: false });
    out.push({ text: m[0], korean: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), korean: false });
  return out;
}
