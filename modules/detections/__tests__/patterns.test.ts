/**
 * Key cases of the built-in patterns, evaluated by the pattern engine. The bulk of the event
 * coverage (must-match and near-miss fixtures per detection) is in __tests__/fixtures/cloudtrail.
 */
import { matches, parsePattern } from '../../patterns';
import { builtInDetections, type ComplianceMode } from '../catalogue';
import { automationExclusion, withExclusions } from '../exclusions';

const pattern = (id: string, mode: ComplianceMode = 'securityHub') => parsePattern(builtInDetections(mode).find((d) => d.id === id)!.pattern);

const consoleLogin = (result: 'Success' | 'Failure', mfa: 'Yes' | 'No', extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', accountId: '111111111111', userName: 'alice' },
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  eventType: 'AwsConsoleSignIn',
  responseElements: { ConsoleLogin: result },
  additionalEventData: { MFAUsed: mfa, MobileVersion: 'No' },
  ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
  ...extra,
});

const credentialVerification = (result: string, credentialType: string, userIdentity: Record<string, unknown>) => ({
  eventVersion: '1.08',
  userIdentity,
  eventSource: 'signin.amazonaws.com',
  eventName: 'CredentialVerification',
  eventType: 'AwsServiceEvent',
  responseElements: null,
  additionalEventData: { CredentialType: credentialType },
  serviceEventDetails: { CredentialVerification: result },
});
const before2025 = { type: 'Unknown', principalId: '111111111111', accountId: '111111111111', userName: 'alice' };
const after2025 = { type: 'IdentityCenterUser', accountId: '111111111111', onBehalfOf: { userId: '94d00cd8-e9e6', identityStoreArn: 'arn:aws:identitystore::111111111111:identitystore/d-1' }, credentialId: 'abc' };

describe('built-in patterns (pattern engine)', () => {
  it('every built-in pattern parses, in both modes', () => {
    for (const mode of ['securityHub', 'tuned'] as const) {
      for (const d of builtInDetections(mode)) expect(() => parsePattern(d.pattern)).not.toThrow();
    }
  });

  it('iam-console-mfa-failure: a failed ConsoleLogin after the password (MFAUsed Yes) only', () => {
    const p = pattern('iam-console-mfa-failure');
    expect(matches(p, consoleLogin('Failure', 'Yes'))).toBe(true);
    expect(matches(p, consoleLogin('Failure', 'No'))).toBe(false);
    expect(matches(p, consoleLogin('Success', 'Yes'))).toBe(false);
  });

  it('identity-center-mfa-failure: matches both userIdentity shapes, TOTP and WEBAUTHN, failures only', () => {
    const p = pattern('identity-center-mfa-failure');
    for (const identity of [before2025, after2025]) {
      expect(matches(p, credentialVerification('Failure', 'TOTP', identity))).toBe(true);
      expect(matches(p, credentialVerification('Failure', 'WEBAUTHN', identity))).toBe(true);
      expect(matches(p, credentialVerification('Success', 'TOTP', identity))).toBe(false);
      expect(matches(p, credentialVerification('Failure', 'PASSWORD', identity))).toBe(false);
      expect(matches(p, credentialVerification('Failure', 'RESYNC_TOTP', identity))).toBe(false);
    }
    // The seed's field name: an event that carries the result under CredentialChallenge is not how AWS logs verification.
    const seedShape = { ...credentialVerification('Failure', 'TOTP', after2025), serviceEventDetails: { CredentialChallenge: 'Failure' } };
    expect(matches(p, seedShape)).toBe(false);
  });

  it('console-sign-in-failures: tuned mode also counts unknown user names, which the CIS text misses', () => {
    const unknownUser = consoleLogin('Failure', 'No', {
      errorMessage: 'No username found in supplied account',
      userIdentity: { type: 'IAMUser', accountId: '111111111111', accessKeyId: '', userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    });
    expect(matches(pattern('console-sign-in-failures', 'securityHub'), unknownUser)).toBe(false);
    expect(matches(pattern('console-sign-in-failures', 'tuned'), unknownUser)).toBe(true);
    expect(matches(pattern('console-sign-in-failures', 'tuned'), consoleLogin('Success', 'Yes'))).toBe(false);
  });

  it('unauthorized-api-calls: the tuned exclusions apply to UnauthorizedOperation errors too', () => {
    const denied = (errorCode: string, extra: Record<string, unknown> = {}) => ({
      eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com', errorCode, sourceIPAddress: '203.0.113.9', ...extra,
    });
    const tuned = pattern('unauthorized-api-calls', 'tuned');
    expect(matches(tuned, denied('Client.UnauthorizedOperation'))).toBe(true);
    expect(matches(tuned, denied('AccessDenied'))).toBe(true);
    expect(matches(tuned, denied('Client.UnauthorizedOperation', { sourceIPAddress: 'delivery.logs.amazonaws.com' }))).toBe(false);
    expect(matches(tuned, denied('AccessDenied', { eventName: 'HeadBucket' }))).toBe(false);
    // The CIS v1.4 text with its precedence trap lets the UnauthorizedOperation case through:
    const trap = parsePattern(
      '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    );
    expect(matches(trap, denied('Client.UnauthorizedOperation', { sourceIPAddress: 'delivery.logs.amazonaws.com' }))).toBe(true);
  });

  it('route-table-changes and iam-policy-changes: tuned mode ignores API Gateway and Organizations look-alikes', () => {
    const apiGatewayRoute = { eventSource: 'apigateway.amazonaws.com', eventName: 'CreateRoute' };
    expect(matches(pattern('route-table-changes'), apiGatewayRoute)).toBe(true);
    expect(matches(pattern('route-table-changes', 'tuned'), apiGatewayRoute)).toBe(false);
    expect(matches(pattern('route-table-changes', 'tuned'), { eventSource: 'ec2.amazonaws.com', eventName: 'CreateRoute' })).toBe(true);
    const orgPolicy = { eventSource: 'organizations.amazonaws.com', eventName: 'DeletePolicy' };
    expect(matches(pattern('iam-policy-changes'), orgPolicy)).toBe(true);
    expect(matches(pattern('iam-policy-changes', 'tuned'), orgPolicy)).toBe(false);
  });

  it('an automation exclusion drops only the named role and keeps calls without a role session', () => {
    const p = parsePattern(withExclusions(builtInDetections('tuned').find((d) => d.id === 'security-group-changes')!.pattern, [automationExclusion(['deploy'])]));
    const call = (userIdentity: Record<string, unknown>) => ({ eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', userIdentity });
    const role = (name: string, account = '222222222222') => ({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${account}:assumed-role/${name}/session-1`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role/${name}`, userName: name } },
    });
    expect(matches(p, call(role('deploy')))).toBe(false);
    expect(matches(p, call(role('deploy', '333333333333')))).toBe(false);
    expect(matches(p, call(role('admin')))).toBe(true);
    expect(matches(p, call(role('deploy-admin')))).toBe(true);
    expect(matches(p, call({ type: 'IAMUser', arn: 'arn:aws:iam::222222222222:user/deploy', userName: 'deploy' }))).toBe(true);
    expect(matches(p, call({ type: 'AWSService', invokedBy: 'ec2.amazonaws.com' }))).toBe(true);
  });
});
