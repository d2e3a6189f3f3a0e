/**
 * The failed sign-ins that are counted per principal and per source IP: data, apart from the construct.
 * Each source says which CloudTrail records are a failed sign-in (as Contributor Insights filters, which
 * are ANDed) and which fields name the principal in those records.
 */

/** A Contributor Insights filter on one field. `In` lists up to 10 strings, any of which matches. */
export interface ContributorFilter {
  readonly Match: string;
  readonly In: readonly string[];
}

export interface SignInSource {
  /** Part of rule and alarm names. */
  readonly slug: string;
  /** For the alarm description. */
  readonly title: string;
  /**
   * Which records are failed sign-ins. Contributor Insights ANDs filters and has no OR across fields,
   * which is why each source is its own rule: the failure flag lives in a different field per source.
   */
  readonly filters: readonly ContributorFilter[];
  /**
   * Fields that name the principal. A failed console sign-in has no ARN when the user name does not
   * exist (`userName` is then `HIDDEN_DUE_TO_SECURITY_REASONS`), so the user name, qualified by the
   * account it was tried against, is what every failure carries. Identity Center users sign in to the
   * organization's identity store, so the user name alone names them.
   */
  readonly defaultPrincipalKeys: readonly string[];
}

/** The sign-in failures that can be counted, by name: which events, and which fields name the principal. */
export const SIGN_IN_SOURCES = {
  console: {
    slug: 'console',
    title: 'Failed AWS console sign-ins (ConsoleLogin)',
    filters: [
      { Match: '$.eventName', In: ['ConsoleLogin'] },
      { Match: '$.responseElements.ConsoleLogin', In: ['Failure'] },
    ],
    defaultPrincipalKeys: ['$.recipientAccountId', '$.userIdentity.userName'],
  },
  identityCenter: {
    slug: 'identity-center',
    title: 'Failed IAM Identity Center credential verifications (CredentialVerification)',
    filters: [
      { Match: '$.eventName', In: ['CredentialVerification'] },
      { Match: '$.serviceEventDetails.CredentialVerification', In: ['Failure'] },
    ],
    defaultPrincipalKeys: ['$.userIdentity.userName'],
  },
} as const satisfies Record<string, SignInSource>;

/** The name of a sign-in source: a key of SIGN_IN_SOURCES. */
export type SignInSourceName = keyof typeof SIGN_IN_SOURCES;
/** The names of SIGN_IN_SOURCES. */
export const SIGN_IN_SOURCE_NAMES = Object.keys(SIGN_IN_SOURCES) as SignInSourceName[];

/** What a rule counts by: the principal fields of its source, or the source IP. */
export type CountBy = 'principal' | 'sourceIp';
/** Every CountBy. */
export const COUNT_BY: readonly CountBy[] = ['principal', 'sourceIp'];

/** The field that names the source of a failed sign-in when none is given. */
export const DEFAULT_SOURCE_IP_KEYS: readonly string[] = ['$.sourceIPAddress'];

/**
 * Contributor Insights JSON property notation restricted to what Logs Insights can also name without
 * quoting: `$.a.b`, `$.a[0].b`. Keeps the alarm's query and the rule's keys the same fields.
 */
export const CONTRIBUTOR_KEY = /^\$(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?)+$/;
/** Longest key accepted: four of them, in the query and the summary, must fit the 1024-character description. */
export const MAX_KEY_LENGTH = 64;
/** Contributor Insights allows at most four keys per rule. */
export const MAX_KEYS = 4;

/** Rule names are at most 128 printable ASCII characters; the alarm shares the name. */
export const RULE_NAME_LIMIT = 128;

/** `<prefix>-sign-in-failures-<source>-by-<key>`: the name of a rule and of its alarm. */
export function ruleName(namePrefix: string, slug: string): string {
  return `${namePrefix}-sign-in-failures-${slug}`;
}
