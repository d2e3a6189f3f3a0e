/**
 * The sign-in pack: failed MFA after a correct password (IAM users and IAM Identity Center), bursts
 * of failed console sign-ins, root use and console sign-in without MFA.
 */
import { SECURITY_HUB_PATTERNS as SH } from './security-hub';
import { ALARM_DEFAULTS, type CatalogueEntry } from './entry';

const SIGN_IN_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#cloudtrail-integration_signin-users';
const IDENTITY_CENTER_DOCS = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/understanding-sign-in-events.html';

// An IAM user got the password right and failed the MFA step: ConsoleLogin fails with MFAUsed "Yes".
const IAM_MFA_FAILURE =
  '{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Failure") && ($.additionalEventData.MFAUsed = "Yes") }';

// Identity Center logs each credential check as CredentialVerification with the result under
// serviceEventDetails.CredentialVerification (not CredentialChallenge, as some blog posts say: that key
// is on CredentialChallenge events, so a pattern combining the two never matches). Checked against the
// example events of the IAM Identity Center user guide, "Understanding IAM Identity Center sign-in events".
// userIdentity.type is not used: it changed from "Unknown" to "IdentityCenterUser" in 2025.
// The credential type is matched exactly: "*TOTP*" would also match RESYNC_TOTP.
const IDENTITY_CENTER_MFA_FAILURE =
  '{ ($.eventName = "CredentialVerification") && ($.serviceEventDetails.CredentialVerification = "Failure") && (($.additionalEventData.CredentialType = "TOTP") || ($.additionalEventData.CredentialType = "WEBAUTHN")) }';

// Keyed on the result, so a failed sign-in with an unknown user name ("No username found in
// supplied account") counts too; CIS keys on errorMessage "Failed authentication" and misses it.
const CONSOLE_FAILURE_TUNED = '{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Failure") }';

export const SIGN_IN_PACK: readonly CatalogueEntry[] = [
  {
    ...ALARM_DEFAULTS,
    id: 'iam-console-mfa-failure',
    title: 'IAM user passed the password check and failed MFA',
    description:
      'Someone signed in to the console as an IAM user with the correct password and then failed the MFA check: the password is probably known to someone else. Confirm with the user; if it was not them, reset the password, review their access keys and recent activity.',
    patterns: { securityHub: IAM_MFA_FAILURE, tuned: IAM_MFA_FAILURE },
    severity: 'high',
    references: { mitreAttack: ['T1078.004', 'T1110'], links: [SIGN_IN_DOCS] },
    pack: 'sign-in',
    excludesAutomation: false,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'identity-center-mfa-failure',
    title: 'IAM Identity Center user failed an MFA check',
    description:
      'An IAM Identity Center sign-in failed at a TOTP or WebAuthn MFA check (CredentialVerification Failure). After a correct password this means the password is probably known to someone else. Confirm with the user; if it was not them, reset the password in Identity Center and review their sessions.',
    patterns: { securityHub: IDENTITY_CENTER_MFA_FAILURE, tuned: IDENTITY_CENTER_MFA_FAILURE },
    severity: 'high',
    references: { mitreAttack: ['T1078.004', 'T1110'], links: [IDENTITY_CENTER_DOCS] },
    pack: 'sign-in',
    excludesAutomation: false,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'console-sign-in-failures',
    title: 'Repeated failed console sign-ins',
    description:
      'Three or more console sign-ins failed within five minutes across the organization. Look at userIdentity and sourceIPAddress of the events: one user from one address is usually a forgotten password; many users or addresses suggest password guessing.',
    patterns: { securityHub: SH['CloudWatch.6'], tuned: CONSOLE_FAILURE_TUNED },
    threshold: 3,
    severity: 'medium',
    references: { cis: { 'v1.2': '3.6', 'v1.4': '4.6' }, securityHub: 'CloudWatch.6', mitreAttack: ['T1110'], links: [SIGN_IN_DOCS] },
    pack: 'sign-in',
    excludesAutomation: false,
    tunedBecause: 'counts failures for unknown user names too (CIS keys on errorMessage "Failed authentication" only)',
  },
  {
    ...ALARM_DEFAULTS,
    id: 'root-usage',
    title: 'Root user activity',
    description:
      'The root user of a member or management account signed in or called an API. Root should only be used for the few tasks that require it. Find out who holds the root credentials of that account and why they were used; if nobody can explain it, secure the account (reset the password, check MFA) at once.',
    patterns: { securityHub: SH['CloudWatch.1'], tuned: SH['CloudWatch.1'] },
    severity: 'high',
    references: { cis: { 'v1.2': '3.3', 'v1.4': '4.3' }, securityHub: 'CloudWatch.1', mitreAttack: ['T1078.004'] },
    pack: 'sign-in',
    excludesAutomation: false,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'console-sign-in-without-mfa',
    title: 'IAM user signed in to the console without MFA',
    description:
      'An IAM user signed in to the console successfully without MFA (federated and Identity Center sign-ins are not counted). Require MFA for that user, or replace the IAM user with Identity Center access.',
    patterns: { securityHub: SH['CloudWatch.3'], tuned: SH['CloudWatch.3'] },
    severity: 'medium',
    references: { cis: { 'v1.2': '3.2', 'v1.4': '4.2' }, securityHub: 'CloudWatch.3', mitreAttack: ['T1078.004'], links: [SIGN_IN_DOCS] },
    pack: 'sign-in',
    excludesAutomation: false,
  },
];
