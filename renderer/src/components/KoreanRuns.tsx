import { koreanRuns } from '../lib/korean-runs';
import { useLang } from '../lib/use-lang';

/**
 * A translated string with its Korean runs marked as Korean (lang="ko"): inside Chinese, which
 * breaks lines between characters, an example such as "ㅇㅇㄷㅂ" would otherwise be split between
 * its letters; marked, it stays whole and is drawn in the Korean face (styles.css :lang(ko)). In
 * Korean the text is given as it is.
 */
export function KoreanRuns({ text }: { text: string }) {
  const lang = useLang();
  if (lang === 'ko') return <>{text}</>;
  return (
    <>
      {koreanRuns(text).map((r, i) =>
        r.korean ? (
          <span key={i} lang="ko">
            {r.text}
          </span>
        ) : (
          r.text
        ),
      )}
    </>
  );
}
