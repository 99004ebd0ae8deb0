/**
 * A label with its count after it (a filter chip's "방과후 돌봄 10", a category heading's): the
 * label's last word and the count never part, so a label that wraps takes its count with its
 * last word instead of leaving the number alone on a line of its own (a Vietnamese chip at
 * 150 % had "8" under "Thông tin nuôi con · Chia sẻ"). A label without spaces (Chinese) keeps
 * its last character with the count.
 */
export function LabelCount({ label, n }: { label: string; n: number | undefined }) {
  const cut = label.lastIndexOf(' ');
  const at = cut >= 0 ? cut + 1 : Math.max(0, label.length - 1);
  return (
    <>
      {label.slice(0, at)}
      <span className="nowrap">
        {label.slice(at)} <span className="count">{n}</span>
      </span>
    </>
  );
}
