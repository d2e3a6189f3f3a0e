/** "Did you mean": the closest known name to a mistyped one, for config and props error messages. */

/** Levenshtein distance, ignoring case (a typo in case is still a typo worth suggesting a fix for). */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest of `known` within a few edits of `value` (2, or a third of its length), if any. */
export function closestMatch(value: string, known: readonly string[]): string | undefined {
  return known
    .map((k) => ({ k, d: editDistance(value, k) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(value.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.k;
}
