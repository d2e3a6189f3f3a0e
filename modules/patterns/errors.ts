/**
 * A filter pattern that CloudWatch Logs would reject (or that trailwatch refuses because it could never
 * behave as written). Carries the 0-based character offset of the problem so callers can point at it.
 */
export class PatternSyntaxError extends Error {
  readonly pattern: string;
  /** 0-based character offset into `pattern`. */
  readonly position: number;
  readonly reason: string;

  constructor(pattern: string, position: number, reason: string) {
    const clamped = Math.max(0, Math.min(position, pattern.length));
    super(`${reason} at column ${clamped + 1}`);
    this.name = 'PatternSyntaxError';
    this.pattern = pattern;
    this.position = clamped;
    this.reason = reason;
  }

  /**
   * `reason at column N`, then the pattern, then a caret line under the position (like a compiler).
   * Long patterns are cut to a window around the position so the caret stays readable in a terminal
   * and in a synth error; control characters are shown as spaces so the caret lines up.
   */
  explain(): string {
    const WINDOW = 100;
    let start = 0;
    let end = this.pattern.length;
    if (end > WINDOW) {
      start = Math.max(0, this.position - WINDOW / 2);
      end = Math.min(this.pattern.length, start + WINDOW);
      start = Math.max(0, end - WINDOW);
    }
    const prefix = start > 0 ? '...' : '';
    const suffix = end < this.pattern.length ? '...' : '';
    const shown = this.pattern.slice(start, end).replace(/[\t\r\n\v\f]/g, ' ');
    const caretColumn = prefix.length + (this.position - start);
    return [
      `${this.reason} at column ${this.position + 1}`,
      `  ${prefix}${shown}${suffix}`,
      `  ${' '.repeat(caretColumn)}^`,
    ].join('\n');
  }
}
