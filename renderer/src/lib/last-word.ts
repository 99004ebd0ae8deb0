/** A label split before its last word (spaces at its end dropped); without spaces (Chinese), before its last character. */
export function lastWord(label: string): [string, string] {
  const text = label.trimEnd();
  const cut = text.lastIndexOf(' ');
  if (cut >= 0) return [text.slice(0, cut + 1), text.slice(cut + 1)];
  const chars = Array.from(text);
  return [chars.slice(0, -1).join(''), chars.slice(-1).join('')];
}
