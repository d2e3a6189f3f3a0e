/** "did you mean" for mistyped detection ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest known id within a few edits, if any. */
export function closest(value: string, known: readonly string[]): string | undefined {
  return known
    .map((k) => ({ k, d: distance(value.toLowerCase(), k) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(value.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.k;
}

/** `"x" is not a detection id: did you mean "y"? Known ids: ...` */
export function unknownIdMessage(value: string, known: readonly string[]): string {
  const hint = closest(value, known);
  return `"${value}" is not a detection id: ${hint ? `did you mean "${hint}"? ` : ''}Known ids: ${known.join(', ')}`;
}
