/**
 * Tests ask "would AWS allow this request?" of a synthesized policy, instead of comparing policy text.
 * Wraps @cloud-copilot/iam-simulate (AGPL: a devDependency, used by tests only, never shipped).
 *
 * A request is evaluated against a resource policy (bucket policy, key policy, topic policy, role trust
 * policy) and, optionally, identity policies of the caller. The simulator runs in Strict mode: a condition
 * key that the request does not carry is absent (as in AWS), so forgetting `aws:SourceArn` in a request
 * is how a test checks that a policy requires it.
 *
 * A context key the simulator does not know for the action would be dropped silently and make a test
 * pass for the wrong reason: that is an error here. One exception: the simulator cannot match KMS
 * encryption-context keys (`kms:EncryptionContext:<key>`, whose variable part follows a colon, not a
 * slash), so requests carrying them are re-run through the simulator's core engine without its
 * context-key filter (what its runUnsafeSimulation does; that function itself crashes on a resource
 * policy, so it is re-done here), after the validated run accepted everything else about the request.
 */
import * as path from 'node:path';
import { loadPolicy } from '@cloud-copilot/iam-policy';
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
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  const unknown = ignored.filter((key) => !ENCRYPTION_CONTEXT.test(key));
  if (unknown.length > 0) {
    throw new Error(`context keys ${unknown.join(', ')} do not apply to ${request.action} on ${request.resource}: the simulator would ignore them`);
  }
  if (ignored.length > 0) return unfilteredDecision(simulation);
  return result.overallResult as Decision;
}

const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:/i;

/* eslint-disable @typescript-eslint/no-require-imports */
const simulateDist = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const engine = require(path.join(simulateDist, 'core_engine/CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(simulateDist, 'request/request.js'));
const { RequestContextImpl } = require(path.join(simulateDist, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(path.join(simulateDist, 'context_keys/discoveryContextKeyConstraints.js'));

/** The core engine's decision with every context key kept (only after runSimulation validated the request). */
function unfilteredDecision(simulation: Simulation): Decision {
  const { request } = simulation;
  const analysis = engine.authorize({
    request: new AwsRequestImpl(request.principal, request.resource, request.action, new RequestContextImpl(request.contextVariables)),
    sessionPolicy: undefined,
    identityPolicies: simulation.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: simulation.resourcePolicy ? loadPolicy(simulation.resourcePolicy, { name: 'resource-policy' }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
  const decision = analysis?.result;
  if (decision !== 'Allowed' && decision !== 'ExplicitlyDenied' && decision !== 'ImplicitlyDenied') {
    throw new Error(`unexpected iam-simulate result: ${JSON.stringify(decision)}`);
  }
  return decision;
}

/** True when the request is allowed. */
export async function isAllowed(policies: PolicyUnderTest, request: PolicyRequest): Promise<boolean> {
  return (await evaluate(policies, request)) === 'Allowed';
}
