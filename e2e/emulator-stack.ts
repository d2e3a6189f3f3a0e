/**
 * Turns a synthesized stack (`cdk.tf.json`) into its emulator copy: the same resources, policies and
 * provider wiring, with only what must change to reach the emulator instead of AWS. Users never
 * deploy this copy; it lives in the e2e working folder.
 *
 * What changes, always:
 * - the S3 backend becomes a local backend (the state file sits beside the copy);
 * - every AWS provider gets the emulator as the endpoint of every service, path-style S3, the static
 *   credentials of its own account (the account in its `allowed_account_ids`), and few retries, so an
 *   emulator error fails in seconds instead of minutes.
 * What does not change: `allowed_account_ids`, `assume_role` and the account-ID lookup. Each provider
 * asks the emulator's STS who it is (and assumes its deploy role there), so a provider wired to the
 * wrong account fails the apply exactly as it would on AWS.
 *
 * Emulator gaps are worked around by the transforms in EMULATOR_WORKAROUNDS, each documented with
 * what the emulator does and what AWS does, and listed in docs/testing.md (End-to-end apply against the emulator).
 */
import type { AccountCredentialsMap } from './accounts';

/** Services whose endpoint every provider of the copy points at the emulator (provider `endpoints` keys). */
export const EMULATED_SERVICES = [
  'cloudtrail', 'cloudwatch', 'cloudwatchlogs', 'events', 'iam', 'kms', 'lambda', 'organizations', 's3', 'sns', 'sqs', 'sts',
] as const;

/** Retries of the AWS SDK in the provider: 2 keeps a retryable emulator error to seconds. */
export const EMULATOR_MAX_RETRIES = 2;

type Json = Record<string, any>;

/** One transform of the emulator copy that works around an emulator gap. */
export interface EmulatorWorkaround {
  /** Short stable name, shown in the run's output. */
  readonly id: string;
  /** What the emulator (moto 5.2.1) does. */
  readonly emulator: string;
  /** What real AWS does, and why the stack as synthesized is right for it. */
  readonly aws: string;
  /**
   * When set, the workaround stands in for a fix of trailwatch itself that is made elsewhere
   * (named here); remove it once that fix is merged.
   */
  readonly pendingFix?: string;
  /** Edits the copy in place; returns how many resources it changed (0 = not applicable). */
  apply(config: Json): number;
}

function resources(config: Json, type: string): [string, Json][] {
  return Object.entries((config.resource?.[type] ?? {}) as Record<string, Json>);
}

/** Rewrites `"Principal": "*"` to its documented equivalent `{"AWS": "*"}` in a policy document. */
function principalStarAsAws(policy: string): string {
  const doc = JSON.parse(policy) as { Statement?: Json[] | Json };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  for (const s of statements) if (s.Principal === '*') s.Principal = { AWS: '*' };
  return JSON.stringify(doc);
}

export const EMULATOR_WORKAROUNDS: readonly EmulatorWorkaround[] = [
  {
    id: 'cloudtrail-logging-off',
    emulator:
      'StartLogging looks the trail up by name only, and the provider names the trail by its ARN (its ID), so the call fails with a server error',
    aws: 'StartLogging accepts the trail name or ARN (CloudTrail API reference, StartLogging: "Name: ... or the trail ARN")',
    apply(config) {
      let n = 0;
      for (const [, trail] of resources(config, 'aws_cloudtrail')) {
        if (trail.enable_logging !== false) {
          trail.enable_logging = false;
          n++;
        }
      }
      return n;
    },
  },
  {
    id: 's3-policy-principal-star',
    emulator:
      'PutBucketLogging reads every statement of the target bucket\'s policy as `Principal.Service` and crashes (HTTP 500) on `"Principal": "*"`',
    aws: '`"Principal": "*"` is the documented equivalent of `{"AWS": "*"}` (IAM JSON policy reference, Principal element: anonymous users); PutBucketLogging only looks for the logging.s3.amazonaws.com grant',
    apply(config) {
      let n = 0;
      for (const [, policy] of resources(config, 'aws_s3_bucket_policy')) {
        const rewritten = principalStarAsAws(policy.policy);
        if (rewritten !== JSON.stringify(JSON.parse(policy.policy))) {
          policy.policy = rewritten;
          n++;
        }
      }
      return n;
    },
  },
  {
    id: 'sns-signature-version-ignored',
    emulator: 'GetTopicAttributes does not return SignatureVersion, so every plan after the apply shows `signature_version` changing back to 2',
    aws: 'SetTopicAttributes/CreateTopic accept SignatureVersion 2 and GetTopicAttributes returns it (SNS developer guide, message signature verification)',
    apply(config) {
      let n = 0;
      for (const [, topic] of resources(config, 'aws_sns_topic')) {
        if (topic.signature_version === undefined) continue;
        const lifecycle: Json = (topic.lifecycle ??= {});
        const ignored: string[] = lifecycle.ignore_changes ?? [];
        if (!ignored.includes('signature_version')) {
          lifecycle.ignore_changes = [...ignored, 'signature_version'];
          n++;
        }
      }
      return n;
    },
  },
];

export interface EmulatorStackOptions {
  /** Base URL of the emulator. */
  readonly endpoint: string;
  /** Credentials of every account the stack's providers act in. */
  readonly credentials: AccountCredentialsMap;
  /** Absolute path of the local state file. */
  readonly statePath: string;
  /** Workarounds to apply (default: EMULATOR_WORKAROUNDS). */
  readonly workarounds?: readonly EmulatorWorkaround[];
}

export interface EmulatorStack {
  /** The emulator copy, ready to write as `cdk.tf.json`. */
  readonly config: Json;
  /** Workarounds that changed something, with the number of resources each changed. */
  readonly applied: readonly { readonly workaround: EmulatorWorkaround; readonly resources: number }[];
}

/** The account a provider block acts in: the single account of its `allowed_account_ids`. */
export function providerAccount(provider: Json): string {
  const allowed: string[] = provider.allowed_account_ids ?? [];
  if (allowed.length !== 1) {
    throw new Error(`provider aws${provider.alias ? `.${provider.alias}` : ''} must name exactly one allowed_account_ids entry, found ${JSON.stringify(allowed)}`);
  }
  return allowed[0];
}

/** The emulator copy of a synthesized stack (see the file comment). The input is not modified. */
export function emulatorStack(stackJson: string | Json, options: EmulatorStackOptions): EmulatorStack {
  const config: Json = structuredClone(typeof stackJson === 'string' ? JSON.parse(stackJson) : stackJson);
  config.terraform = { ...config.terraform, backend: { local: { path: options.statePath } } };

  const providers: Json[] = ([] as Json[]).concat(config.provider?.aws ?? []);
  if (providers.length === 0) throw new Error('the stack has no aws provider');
  for (const provider of providers) {
    const account = providerAccount(provider);
    const credentials = options.credentials.get(account);
    if (!credentials) throw new Error(`no emulator credentials for account ${account} (provider aws${provider.alias ? `.${provider.alias}` : ''})`);
    provider.access_key = credentials.accessKeyId;
    provider.secret_key = credentials.secretAccessKey;
    provider.endpoints = [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, options.endpoint]))];
    provider.s3_use_path_style = true;
    provider.max_retries = EMULATOR_MAX_RETRIES;
    provider.skip_metadata_api_check = 'true';
  }

  const applied = [];
  for (const workaround of options.workarounds ?? EMULATOR_WORKAROUNDS) {
    const n = workaround.apply(config);
    if (n > 0) applied.push({ workaround, resources: n });
  }
  return { config, applied };
}
