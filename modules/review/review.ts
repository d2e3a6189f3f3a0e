/**
 * Reviews one stack's plan: its environment, the counts a plan summary shows, and the findings of
 * each section (stop signs, detections, routing, policies), weakening first within each.
 */
import * as path from 'node:path';
import { detectionChanges } from './detections';
import { type Finding, weakeningFirst } from './finding';
import { type ChangeKind, type Plan, changeKind, get } from './plan';
import { policyChanges } from './policies';
import { routingChanges } from './routing';
import { stopSigns } from './stop-signs';

/** The review of one stack's saved plan: its counts and findings. */
export interface StackReview {
  /** The plan file, as given on the command line. */
  readonly file: string;
  /** From the resources' `trailwatch:environment` tag, else the file name. */
  readonly environment: string;
  readonly counts: Readonly<Record<'add' | 'change' | 'destroy' | 'replace', number>>;
  /** Stop signs, then detection, routing and policy findings; weakening first in each section. */
  readonly findings: readonly Finding[];
  /** Every resource that changes, for the folded full list. */
  readonly changes: readonly { readonly address: string; readonly kind: ChangeKind }[];
}

function environmentOf(plan: Plan, file: string): string {
  for (const r of plan.resources) {
    const env = get(r.after ?? r.before, 'tags_all', 'trailwatch:environment');
    if (typeof env === 'string' && env !== '') return env;
  }
  return path.basename(file).replace(/(\.plan)?\.json$/, '');
}

/** Reviews one saved plan (`terraform show -json`): what it changes for security, in words. */
export function reviewPlan(plan: Plan, file: string): StackReview {
  const counts = { add: 0, change: 0, destroy: 0, replace: 0 };
  const changes: { address: string; kind: ChangeKind }[] = [];
  for (const r of plan.resources) {
    if (r.mode !== 'managed') continue;
    const kind = changeKind(r.actions);
    if (kind === 'create') counts.add++;
    else if (kind === 'update') counts.change++;
    else if (kind === 'delete') counts.destroy++;
    else if (kind === 'replace') counts.replace++;
    if (kind !== 'none') changes.push({ address: r.address, kind });
  }
  const findings = [
    ...stopSigns(plan),
    ...weakeningFirst(detectionChanges(plan)),
    ...weakeningFirst(routingChanges(plan)),
    ...weakeningFirst(policyChanges(plan)),
  ];
  return { file, environment: environmentOf(plan, file), counts, findings, changes };
}
