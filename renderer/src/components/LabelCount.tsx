import { lastWord } from '../lib/last-word';

/**
 * A label with its count after it (a filter chip's "방과후 돌봄 10", a category heading's): the
 * label's last word and the count never part, so a label that wraps takes its count with its
 * last word instead of leaving the number alone on a line of its own (a Vietnamese chip at
 * 150 % had "8" under "Thông tin nuôi con · Chia sẻ"). A label without spaces (Chinese) keeps
 * its last character with the count.
 */
export function LabelCount({ label, n }: { label: string; n: number | undefined }) {
  const [head, last] = lastWord(label);
  return (
    <>
      {head}
      <span className="nowrap">
        {last}
        {n !== undefined && (
          <>
            {' '}
            <span className="count">{n}</span>
          </>
        )}
      </span>
    </>
  );
}
