import { Fragment, type ReactNode } from 'react';
import { useLang } from '../lib/use-lang';

/** Hangul: syllables, the jamo (conjoining and compatibility, as in an example like ㅇㅇㄷㅂ) and their extensions. */
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]+/g;

/**
 * A translated string with its Korean runs marked as Korean (lang="ko"): inside Chinese, which
 * breaks lines between characters, an example such as "ㅇㅇㄷㅂ" would otherwise be split between
 * its letters; marked, it stays whole and is drawn in the Korean face (styles.css :lang(ko)). In
 * Korean the text is given as it is.
 */
export function KoreanRuns({ text }: { text: string }) {
  if (useLang() === 'ko') return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(HANGUL)) {
    if (m.index > at) parts.push(<Fragment key={at}>{text.slice(at, m.index)}</Fragment>);
    parts.push(
      <span key={m.index} lang="ko">
        {m[0]}
      </span>,
    );
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(<Fragment key={at}>{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}
