/**
 * Synthesizes the e2e environments, named one by one (not the whole config folder), with the same
 * code path as `npm run synth` (config/load + stacks/build-app), into a folder of the run.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadEnvironmentsOrThrow, type LoadedEnvironment } from '../config/load';
import { stackName } from '../config/naming';
import { buildApp } from '../stacks/build-app';

export interface SynthesizedEnvironment extends LoadedEnvironment {
  readonly stackName: string;
  /** `<outdir>/stacks/<stack name>`: holds cdk.tf.json. */
  readonly stackDir: string;
}

export function synthesize(configFiles: readonly string[], outdir: string): SynthesizedEnvironment[] {
  const loaded = configFiles.flatMap((f) => loadEnvironmentsOrThrow(f));
  // As in main.ts: source-mapped stack traces of every cdktf token are a third of a large synth.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    buildApp(loaded, new App({ outdir })).synth();
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  return loaded.map((l) => ({ ...l, stackName: stackName(l.env), stackDir: path.join(outdir, 'stacks', stackName(l.env)) }));
}
