/**
 * The built-in detections, as data. `builtInDetections(mode)` gives every built-in with the
 * patterns of the chosen compliance mode; environments then tune them (config/modules/detections/resolve.ts).
 */
import type { Detection } from '../detection';
import { CIS_PACK } from './cis';
import type { CatalogueEntry, ComplianceMode } from './entry';
import { SIGN_IN_PACK } from './sign-in';

export type { CatalogueEntry, ComplianceMode } from './entry';
export { COMPLIANCE_MODES } from './entry';

/** Every built-in entry, in catalogue order (sign-in pack, then CIS). */
export const CATALOGUE: readonly CatalogueEntry[] = [...SIGN_IN_PACK, ...CIS_PACK];

/** The packs an environment can turn on or off. */
export const PACKS = ['sign-in', 'cis'] as const;
/** A pack of built-in detections: one of PACKS. */
export type Pack = (typeof PACKS)[number];

/** The ids of every built-in detection, in catalogue order. */
export const BUILT_IN_IDS: readonly string[] = CATALOGUE.map((e) => e.id);

/** The catalogue entry of a built-in id, or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

/** Turns a catalogue entry into the Detection of one compliance mode. */
export function detectionFor(entry: CatalogueEntry, mode: ComplianceMode): Detection {
  const { patterns, excludesAutomation: _x, tunedBecause: _t, ...rest } = entry;
  return { ...rest, pattern: patterns[mode] };
}

/** Every built-in detection with the patterns of `mode`, before any environment tuning. */
export function builtInDetections(mode: ComplianceMode): Detection[] {
  return CATALOGUE.map((e) => detectionFor(e, mode));
}
