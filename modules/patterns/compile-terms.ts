/**
 * Term patterns match the raw message text: a term is found anywhere in it (substring, case-sensitive),
 * so `ERROR` matches "ERRORCODE" as the documentation's own example shows. For an event given as a parsed
 * object the text is its JSON (JSON.stringify), the closest offline equivalent of the message CloudTrail
 * writes to CloudWatch Logs. Required terms must all occur, excluded terms must not occur, and when there
 * are `?` terms at least one of them must occur.
 */
import type { LogEvent, Term } from './ast';

export function compileTerms(terms: readonly Term[]): (event: LogEvent) => boolean {
  const test = (t: Term): ((text: string) => boolean) => {
    if (t.regex) {
      const re = new RegExp(t.text);
      return (s) => re.test(s);
    }
    const literal = t.text;
    return (s) => s.includes(literal);
  };
  const required = terms.filter((t) => t.mode === 'required').map(test);
  const excluded = terms.filter((t) => t.mode === 'excluded').map(test);
  const optional = terms.filter((t) => t.mode === 'optional').map(test);
  return (event) => {
    const text = typeof event === 'string' ? event : JSON.stringify(event);
    for (let i = 0; i < required.length; i++) if (!required[i](text)) return false;
    for (let i = 0; i < excluded.length; i++) if (excluded[i](text)) return false;
    if (optional.length === 0) return true;
    for (let i = 0; i < optional.length; i++) if (optional[i](text)) return true;
    return false;
  };
}
