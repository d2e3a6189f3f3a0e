/**
 * Tests ask "would AWS allow this request?" of a synthesized policy, instead of comparing policy text.
 * Wraps @cloud-copilot/iam-simulate (AGPL: a devDependency, used by tests only, never shipped).
 *
 * A request is evaluated against a resource policy (bucket policy, key policy, topic policy, role trust
 * policy) and, optionally, identity policies of the caller. The simulator runs in Strict mode: a condition
 * key that the request does not carry is absent (as in AWS), so forgetting `aws:SourceArn` in a request
 * is how a test checks that a policy requires it.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface PolicyRequest {
  /**
   * Who calls: an ARN (`arn:aws:iam::111122223333:role/x`), an account root ARN, a service principal
   * (`cloudtrail.amazonaws.com`), or `'anonymous'` for an unsigned request.
   */
  readonly principal: string;
  /** `service:Action`, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource ARN the request acts on. */
  readonly resource: string;
  /** Account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context keys, e.g. `{ 'aws:SecureTransport': 'true', 'aws:SourceArn': '...' }`. */
  readonly context?: Record<string, string | string[]>;
}

export interface PolicyUnderTest {
  /** The resource policy (a JSON string as synthesized, or a parsed document). */
  readonly resourcePolicy?: string | object;
  /** Identity policies attached to the caller. @default none */
  readonly identityPolicies?: (string | object)[];
}

const parse = (p: string | object) => (typeof p === 'string' ? JSON.parse(p) : p);

/** The simulator's overall decision for one request; throws when the simulator rejects the input. */
export async function evaluate(policies: PolicyUnderTest, request: PolicyRequest): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: { ...(request.context ?? {}) },
    },
    identityPolicies: (policies.identityPolicies ?? []).map((p, i) => ({ name: `identity-${i}`, policy: parse(p) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(policies.resourcePolicy !== undefined ? { resourcePolicy: parse(policies.resourcePolicy) } : {}),
  };
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType === 'error') {
    throw new Error(`iam-simulate rejected the simulation: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.overallResult as Decision;
}

/** True when the request is allowed. */
export async function isAllowed(policies: PolicyUnderTest, request: PolicyRequest): Promise<boolean> {
  return (await evaluate(policies, request)) === 'Allowed';
}
