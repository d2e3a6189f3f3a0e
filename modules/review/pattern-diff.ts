/**
 * A changed filter pattern, made readable and measured: the old and new text split at their `&&` and
 * `||` terms and diffed line by line, and both run over the sample events (corpus.ts) to say what the
 * change adds or loses.
 */
import { matchSamples } from './corpus';

/**
 * One line per `&&` / `||` term, with its operator, braces and grouping parentheses left out and the
 * spacing around the comparison made uniform, so a wrapped or re-spaced pattern diffs by its terms.
 */
export function patternLines(pattern: string): string[] {
  return pattern
    .replace(/\s*(&&|\|\|)\s*/g, '\n$1 ')
    .split('\n')
    .map((line) => {
      const op = /^(&&|\|\|) /.exec(line)?.[0] ?? '';
      const term = line
        .slice(op.length)
        .replace(/^[\s{(]+|[\s)}]+$/g, '')
        .replace(/\s*(!=|<=|>=|=|<|>)\s*/, ' $1 ');
      return `${op}${term}`;
    })
    .filter((l) => l.trim() !== '');
}

/** A line diff (longest common subsequence) in unified-diff style: `  kept`, `- removed`, `+ added`. */
export function lineDiff(before: readonly string[], after: readonly string[]): string[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push(`  ${before[i++]}`);
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${after[j++]}`);
    else out.push(`- ${before[i++]}`);
  }
  return out;
}

export interface PatternChange {
  /** One sentence: what the new pattern misses and newly matches among the sample events. */
  readonly summary: string;
  /** The new pattern matches fewer of the sample events the old one matched. */
  readonly loses: boolean;
  /** A ```diff block. */
  readonly diff: string;
}

const list = (names: readonly string[], max = 5) =>
  names.slice(0, max).map((n) => `\`${n}\``).join(', ') + (names.length > max ? `, and ${names.length - max} more` : '');

/** Measures a pattern change on the sample events and diffs the two texts. */
export function comparePatterns(before: string, after: string): PatternChange {
  const diff = [
    'Terms (braces and grouping parentheses left out):',
    '```diff',
    ...lineDiff(patternLines(before), patternLines(after)),
    '```',
    `Before: \`${before}\``,
    '',
    `After: \`${after}\``,
  ].join('\n');
  const old = matchSamples(before);
  const now = matchSamples(after);
  if ('error' in now) return { summary: `the new pattern is not valid: ${now.error}`, loses: true, diff };
  if ('error' in old) return { summary: `the old pattern did not parse; the new one matches ${now.matched.length} sample events`, loses: false, diff };
  const had = new Set(old.matched);
  const has = new Set(now.matched);
  const lost = old.matched.filter((n) => !has.has(n));
  const gained = now.matched.filter((n) => !had.has(n));
  const parts: string[] = [];
  if (lost.length > 0) parts.push(`now misses ${lost.length} of the ${old.matched.length} sample events it matched: ${list(lost)}`);
  if (gained.length > 0) parts.push(`now also matches ${gained.length} sample event${gained.length === 1 ? '' : 's'} it did not: ${list(gained)}`);
  if (parts.length === 0) parts.push(`matches the same ${old.matched.length} sample events as before`);
  return { summary: parts.join('; '), loses: lost.length > 0, diff };
}
