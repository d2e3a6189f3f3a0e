/**
 * Synthesizes the e2e environments, named one by one (not the whole config folder), with the same
 * code path as `npm run synth` (config/load + stacks/build-app), into a folder of the run.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadEnvironmentsOrThrow, type LoadedEnvironment } from '../config/load';
import { stackName } from '../config/naming';
import { buildApp } from '../stacks/build-app';
import { withoutTokenCreationTraces } from '../stacks/token-creation-traces';

export interface SynthesizedEnvironment extends LoadedEnvironment {
  readonly stackName: string;
  /** `<outdir>/stacks/<stack name>`: holds cdk.tf.json. */
  readonly stackDir: string;
}

export function synthesize(configFiles: readonly string[], outdir: string): SynthesizedEnvironment[] {
  const loaded = configFiles.flatMap((f) => loadEnvironmentsOrThrow(f));
  // As in main.ts: without cdktf's token creation traces unless TRAILWATCH_DEBUG is set.
  withoutTokenCreationTraces(() => buildApp(loaded, new App({ outdir })).synth());
  return loaded.map((l) => ({ ...l, stackName: stackName(l.env), stackDir: path.join(outdir, 'stacks', stackName(l.env)) }));
}
