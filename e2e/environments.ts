/**
 * The example environments `npm run e2e` applies to the emulator. Add a config file here to have it
 * applied, re-planned and (with `destroy: true`) destroyed on every run.
 */
export interface E2eEnvironment {
  /** The environment config, relative to the repository root. */
  readonly config: string;
  /** Destroy after the checks and prove nothing remains (only for environments without prevent_destroy). */
  readonly destroy?: boolean;
}

export const E2E_ENVIRONMENTS: readonly E2eEnvironment[] = [
  { config: 'config/acme-prod.yaml' },
  { config: 'config/acme-sandbox.yaml', destroy: true },
  { config: 'config/globex-prod.yaml' },
];
