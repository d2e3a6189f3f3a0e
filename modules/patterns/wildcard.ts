/**
 * Wildcard text matching for `=`/`!=` values containing `*`.
 *
 * CloudWatch's matcher does not backtrack: a public test suite run against TestMetricFilter recorded
 * that for the value "111.111.111.111", `*111.111.111` does NOT match while `*.111.111.111` does, and
 * `111*111` does not match. Both results follow from finding each literal segment at its leftmost
 * position after the previous one and never retrying further right. A detection checked here must
 * behave the way it will in AWS, so this engine reproduces that (a regex would say "match" and hide
 * a pattern that never fires). Listed under "Known differences from CloudWatch" in docs/pattern-engine.md as a
 * reported, not documented, behaviour.
 */
export type TextMatcher = (s: string) => boolean;

/** `segments` are the literal parts between the `*`s (so `a*b` is ['a', 'b'], `*` is ['', '']). */
export function compileWildcard(segments: readonly string[]): TextMatcher {
  const n = segments.length;
  if (n < 2) {
    const only = segments[0] ?? '';
    return (s) => s === only;
  }
  const first = segments[0];
  const last = segments[n - 1];
  const middle = segments.slice(1, n - 1).filter((m) => m !== '');
  if (middle.length === 0) {
    if (first === '' && last === '') return () => true;
    if (last === '') return (s) => s.startsWith(first);
    if (first === '') return (s) => endsAtFirstOccurrence(s, last, 0);
    return (s) => s.startsWith(first) && endsAtFirstOccurrence(s, last, first.length);
  }
  if (first === '' && last === '' && middle.length === 1) {
    const m = middle[0];
    return (s) => s.includes(m);
  }
  return (s) => {
    if (!s.startsWith(first)) return false;
    let pos = first.length;
    for (let i = 0; i < middle.length; i++) {
      const at = s.indexOf(middle[i], pos);
      if (at < 0) return false;
      pos = at + middle[i].length;
    }
    return last === '' || endsAtFirstOccurrence(s, last, pos);
  };
}

/** The leftmost occurrence of `tail` at or after `from` must end exactly at the end of `s` (no backtracking). */
function endsAtFirstOccurrence(s: string, tail: string, from: number): boolean {
  const at = s.indexOf(tail, from);
  return at >= 0 && at + tail.length === s.length;
}
