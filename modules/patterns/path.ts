/**
 * Selector resolution, compiled once per selector. Returns undefined when any step is missing, when a
 * property step meets a non-object (or an array), or an index step meets a non-array: in all those
 * cases the field "does not exist" for the pattern.
 */
import type { SelectorPath } from './ast';

export type PathGetter = (root: Record<string, unknown>) => unknown;

/** Keys that plain property access would find on Object.prototype: these need an own-property check. */
function inherited(key: string): boolean {
  return key in Object.prototype;
}

function step(key: string | number): (cur: unknown) => unknown {
  if (typeof key === 'number') return (cur) => (Array.isArray(cur) ? cur[key] : undefined);
  if (inherited(key)) {
    return (cur) =>
      typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, key)
        ? (cur as Record<string, unknown>)[key]
        : undefined;
  }
  return (cur) => (typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as Record<string, unknown>)[key] : undefined);
}

export function compilePath(path: SelectorPath): PathGetter {
  const first = path[0];
  // The first step is always a property of the root object (the parser requires `$.name`).
  const plainFirst = typeof first === 'string' && !inherited(first);
  if (path.length === 1 && plainFirst) return (r) => r[first];
  if (path.length === 2 && plainFirst && typeof path[1] === 'string' && !inherited(path[1])) {
    const second = path[1];
    return (r) => {
      const a = r[first];
      return typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>)[second] : undefined;
    };
  }
  if (path.every((k) => typeof k === 'string' && !inherited(k))) {
    // The common CloudTrail case ($.userIdentity.sessionContext.attributes.x): plain property walk, no per-step calls.
    const keys = path as readonly string[];
    const n = keys.length;
    return (r) => {
      let cur: unknown = r[keys[0]];
      for (let i = 1; i < n; i++) {
        if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
        cur = (cur as Record<string, unknown>)[keys[i]];
      }
      return cur;
    };
  }
  const steps = path.map(step);
  return (r) => {
    let cur: unknown = r;
    for (let i = 0; i < steps.length && cur !== undefined; i++) cur = steps[i](cur);
    return cur;
  };
}
