/**
 * Values computed once per key and remembered, for work that recurs across environments in one synth
 * (the same detection patterns and queries in every environment). A bound keeps a long-lived process
 * (a test run, a library user's own app) from holding every key it ever saw: at the bound the cache
 * starts again empty, which costs recomputing, never a wrong value.
 */
export class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  /** @param bound how many keys are kept before the cache starts again empty. @default 10000 */
  constructor(private readonly bound = 10_000) {}

  /** The value for `key`, computed by `compute` the first time (and again after the cache was emptied). */
  get(key: string, compute: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute();
      if (this.entries.size >= this.bound) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
