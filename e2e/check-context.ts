/**
 * The contract of post-apply checks. Every file `e2e/checks/<name>.ts` exports
 *
 *   export async function check(ctx: CheckContext): Promise<CheckOutcome>
 *
 * and is run after each environment's apply and second plan (before any destroy). A check that
 * throws fails like one that returns `passed: false`. Checks of one environment run one after the
 * other; environments run concurrently, so a check must only touch its own environment's resources.
 */
import type { Environment } from '../config/environment-schema';
import type { AccountCredentialsMap } from './accounts';
import type { EmulatorClient } from './aws';
import type { EmulatorWorkspace, StateResource } from './workspace';

export interface CheckContext {
  /** Base URL of the emulator (every AWS service answers on it). */
  readonly endpoint: string;
  /** Static credentials of every registered account, by account ID. */
  readonly credentials: AccountCredentialsMap;
  /** The validated environment config. */
  readonly environment: Environment;
  /** The config file the environment came from (relative to the repository root). */
  readonly configFile: string;
  /** The cdktf stack name, e.g. `trailwatch-acme-prod`. */
  readonly stackName: string;
  /** The synthesized stack folder (holds the `cdk.tf.json` users deploy). */
  readonly stackDir: string;
  /** The Terraform workspace of the emulator copy (state, logs; run more Terraform commands with it). */
  readonly workspace: EmulatorWorkspace;
  /** `terraform output -json` after the apply, as plain values by output name. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Every resource in the state after the apply. */
  readonly resources: readonly StateResource[];
  /** A client acting in `accountId` (default: the management account) in `region` (default: homeRegion). */
  client(accountId?: string, region?: string): EmulatorClient;
}

export interface CheckOutcome {
  readonly passed: boolean;
  /** One line for the table and log: what was checked and what was seen. */
  readonly summary: string;
  /** Further lines shown when the check failed. */
  readonly details?: readonly string[];
}

export type Check = (ctx: CheckContext) => Promise<CheckOutcome>;
