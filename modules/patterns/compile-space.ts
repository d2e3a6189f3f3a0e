/**
 * Space-delimited patterns. The log line is split on spaces; text between double quotes or between
 * square brackets is one field (without its quotes or brackets, as in CloudWatch's extracted fields).
 * Without `...` the line must have exactly as many fields as the pattern has columns; each `...` takes
 * any number of fields (zero or more), and the pattern matches when some assignment satisfies every
 * condition.
 */
import type { FieldCondition, LogEvent, SpaceField } from './ast';
import { compileFieldTest } from './values';

type Bindings = Map<string, string>;
type ConditionTest = (fields: Bindings) => boolean;

export function splitFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const c = line[i];
    const close = c === '"' ? '"' : c === '[' ? ']' : '';
    if (close) {
      const end = line.indexOf(close, i + 1);
      const stop = end < 0 ? n : end;
      out.push(line.slice(i + 1, stop));
      i = stop + 1;
    } else {
      const start = i;
      while (i < n && !isBlank(line.charCodeAt(i))) i++;
      out.push(line.slice(start, i));
    }
  }
  return out;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function compileFieldCondition(c: FieldCondition): ConditionTest {
  if (c.type !== 'compare') {
    const a = compileFieldCondition(c.left);
    const b = compileFieldCondition(c.right);
    return c.type === 'and' ? (f) => a(f) && b(f) : (f) => a(f) || b(f);
  }
  const test = compileFieldTest(c.operator, c.value);
  const name = c.field;
  return (f) => {
    const v = f.get(name);
    return v !== undefined && test(v);
  };
}

export function compileSpace(columns: readonly SpaceField[]): (event: LogEvent) => boolean {
  const conditions = columns.flatMap((col) => (col.type === 'field' && col.condition ? [compileFieldCondition(col.condition)] : []));
  const fixed = columns.filter((c) => c.type === 'field').length;
  const hasEllipsis = fixed !== columns.length;
  const satisfied = (b: Bindings) => conditions.every((t) => t(b));

  /** Tries every way to spread the line's fields over the columns (only `...` makes this more than one). */
  const assign = (fields: string[], col: number, at: number, b: Bindings): boolean => {
    if (col === columns.length) return at === fields.length && satisfied(b);
    const column = columns[col];
    if (column.type === 'ellipsis') {
      const fixedAfter = columns.slice(col + 1).filter((c) => c.type === 'field').length;
      for (let take = 0; at + take + fixedAfter <= fields.length; take++) {
        if (assign(fields, col + 1, at + take, b)) return true;
      }
      return false;
    }
    if (at >= fields.length) return false;
    const previous = b.get(column.name);
    if (column.name) b.set(column.name, fields[at]);
    const ok = assign(fields, col + 1, at + 1, b);
    if (column.name) {
      if (previous === undefined) b.delete(column.name);
      else b.set(column.name, previous);
    }
    return ok;
  };

  return (event) => {
    const fields = splitFields(typeof event === 'string' ? event : JSON.stringify(event));
    if (hasEllipsis ? fields.length < fixed : fields.length !== fixed) return false;
    return assign(fields, 0, 0, new Map());
  };
}
