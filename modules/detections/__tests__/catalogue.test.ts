import golden from './fixtures/security-hub-patterns.json';
import { BUILT_IN_IDS, CATALOGUE, builtInDetections, catalogueEntry } from '../catalogue';
import { SECURITY_HUB_PATTERNS } from '../catalogue/security-hub';
import { HIGHEST_SEVERITY } from '../../common/severity';

const EXPECTED_IDS = [
  'iam-console-mfa-failure', 'identity-center-mfa-failure', 'console-sign-in-failures', 'root-usage',
  'console-sign-in-without-mfa', 'unauthorized-api-calls', 'iam-policy-changes', 'cloudtrail-changes',
  'kms-key-disable-or-deletion', 's3-bucket-policy-changes', 'config-changes', 'security-group-changes',
  'nacl-changes', 'network-gateway-changes', 'route-table-changes', 'vpc-changes', 'organizations-changes',
];

describe('built-in catalogue', () => {
  it('has exactly the built-in ids of the shared interface, each once', () => {
    expect([...BUILT_IN_IDS].sort()).toEqual([...EXPECTED_IDS].sort());
    expect(new Set(BUILT_IN_IDS).size).toBe(BUILT_IN_IDS.length);
  });

  it('holds the Security Hub CloudWatch.1-14 patterns byte for byte as the AWS user guide prints them', () => {
    expect(Object.keys(golden.patterns)).toHaveLength(14);
    expect(SECURITY_HUB_PATTERNS).toEqual(golden.patterns);
  });

  it('in securityHub mode emits, for every detection that names a control, exactly that control\'s pattern', () => {
    const withControl = builtInDetections('securityHub').filter((d) => d.references.securityHub);
    const controls = withControl.map((d) => d.references.securityHub).sort();
    // CloudWatch.1-14 each covered exactly once.
    expect(controls).toEqual(Object.keys(golden.patterns).sort());
    for (const d of withControl) {
      expect(d.pattern).toBe((golden.patterns as Record<string, string>)[d.references.securityHub!]);
    }
  });

  it('in tuned mode changes only the patterns that say why, and keeps the others identical', () => {
    for (const entry of CATALOGUE) {
      const differs = entry.patterns.tuned !== entry.patterns.securityHub;
      expect({ id: entry.id, differs }).toEqual({ id: entry.id, differs: entry.tunedBecause !== undefined });
    }
    const tuned = CATALOGUE.filter((e) => e.tunedBecause).map((e) => e.id);
    expect(tuned).toEqual(['console-sign-in-failures', 'unauthorized-api-calls', 'iam-policy-changes', 'cloudtrail-changes', 'route-table-changes']);
  });

  it('fixes the precedence trap of the CIS unauthorized-API text: the exclusions bind to both error codes', () => {
    const tuned = catalogueEntry('unauthorized-api-calls')!.patterns.tuned;
    expect(tuned).toBe(
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    );
  });

  it('gives cloudtrail-changes the highest severity', () => {
    expect(catalogueEntry('cloudtrail-changes')!.severity).toBe(HIGHEST_SEVERITY);
    expect(HIGHEST_SEVERITY).toBe('critical');
  });

  it('matches Identity Center MFA failures on serviceEventDetails.CredentialVerification, never on userIdentity.type', () => {
    const p = catalogueEntry('identity-center-mfa-failure')!.patterns.securityHub;
    expect(p).toContain('$.serviceEventDetails.CredentialVerification = "Failure"');
    expect(p).not.toContain('CredentialChallenge');
    expect(p).not.toContain('userIdentity');
    expect(p).toContain('$.additionalEventData.CredentialType = "TOTP"');
    expect(p).toContain('$.additionalEventData.CredentialType = "WEBAUTHN"');
  });

  it('defaults console-sign-in-failures to 3 failures within 5 minutes', () => {
    const d = builtInDetections('securityHub').find((x) => x.id === 'console-sign-in-failures')!;
    expect([d.threshold, d.periodSeconds, d.evaluationPeriods, d.datapointsToAlarm]).toEqual([3, 300, 1, 1]);
  });

  it('gives every entry alarm defaults CloudWatch accepts, a pack, and a description for the person paged', () => {
    for (const mode of ['securityHub', 'tuned'] as const) {
      for (const d of builtInDetections(mode)) {
        expect(d.statistic).toBe('Sum');
        expect(d.treatMissingData).toBe('notBreaching');
        expect(d.threshold).toBeGreaterThan(0);
        expect([10, 30].includes(d.periodSeconds) || d.periodSeconds % 60 === 0).toBe(true);
        expect(d.datapointsToAlarm).toBeLessThanOrEqual(d.evaluationPeriods);
        expect(['sign-in', 'cis']).toContain(d.pack);
        expect(d.description.length).toBeGreaterThan(60);
        expect(d.pattern.length).toBeLessThanOrEqual(1024);
      }
    }
  });

  it('keeps the CIS v1.4 4.15 Organizations pattern as the benchmark prints it', () => {
    expect(catalogueEntry('organizations-changes')!.patterns.securityHub).toBe(
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    );
  });
});
