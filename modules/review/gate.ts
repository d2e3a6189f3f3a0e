/** `--fail-on`: which of the named gates the findings of the reviewed stacks trip. */
import { type Gate, gatesOf } from './finding';
import type { GateOutcome } from './render';
import type { StackReview } from './review';

/** Which of the `--fail-on` gates the reviewed stacks trip, and so the exit code. */
export function evaluateGates(reviews: readonly StackReview[], failOn: readonly Gate[]): GateOutcome {
  const tripped = new Map<string, string[]>();
  for (const s of reviews) {
    const hit = new Set<Gate>();
    for (const f of s.findings) for (const g of gatesOf(f)) hit.add(g);
    for (const g of failOn) if (hit.has(g)) tripped.set(g, [...(tripped.get(g) ?? []), s.environment]);
  }
  return { failOn, tripped };
}
