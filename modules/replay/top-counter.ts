/**
 * Counts per key (a principal, a source address) with bounded memory: exact for the first
 * `capacity` distinct keys, after which events of keys not yet seen are counted together as
 * `untracked`. A detection's matches usually come from a handful of principals; a noisy one over a
 * year of an organization's logs must not hold every key it ever saw.
 */

/** One key and how often it was counted. */
export interface KeyCount {
  readonly key: string;
  readonly count: number;
}

/** The largest counts, and what was left out of them. */
export interface TopKeys {
  /** The most frequent keys, largest first (ties in key order). */
  readonly top: KeyCount[];
  /** Distinct keys counted exactly (at most the capacity). */
  readonly distinct: number;
  /** Events of keys first seen after the capacity was reached: not attributed to any key. */
  readonly untracked: number;
}

/** Distinct keys kept per counter. */
export const TOP_COUNTER_CAPACITY = 10_000;

export class TopCounter {
  private readonly counts = new Map<string, number>();
  private untracked = 0;

  constructor(private readonly capacity = TOP_COUNTER_CAPACITY) {}

  add(key: string): void {
    const c = this.counts.get(key);
    if (c !== undefined) this.counts.set(key, c + 1);
    else if (this.counts.size < this.capacity) this.counts.set(key, 1);
    else this.untracked++;
  }

  top(limit: number): TopKeys {
    const top = [...this.counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, limit);
    return { top, distinct: this.counts.size, untracked: this.untracked };
  }
}
