/** What a person needs to recognise a CloudTrail event in a list: when, which account, who, from where, what. */
import type { ReplayEvent } from './formats';

/** One event as a person recognises it: when, which account, who, from where, what. */
export interface EventSummary {
  readonly time: string;
  readonly account: string;
  readonly principal: string;
  readonly sourceIp: string;
  readonly eventName: string;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The principal of a record, as a person would name it: the ARN when CloudTrail has one (IAM users,
 * roles: the role ARN with the session name), the user name for sign-ins that have no ARN (IAM Identity
 * Center users, failed sign-ins of unknown users: `HIDDEN_DUE_TO_SECURITY_REASONS`), else the principal id.
 */
export function principalOf(record: Obj): string {
  const identity = obj(record.userIdentity);
  if (!identity) return 'unknown';
  const onBehalfOf = obj(identity.onBehalfOf);
  return (
    str(identity.arn) ??
    str(identity.userName) ??
    str(obj(record.additionalEventData)?.UserName) ??
    str(onBehalfOf?.userId) ??
    str(identity.principalId) ??
    str(identity.type) ??
    'unknown'
  );
}

/** The value at a Contributor Insights key (`$.a.b`, `$.a[0].b`) as text, or undefined when absent. */
export function valueAt(record: Obj, key: string): string | undefined {
  let v: unknown = record;
  for (const part of key.replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (Array.isArray(v)) v = v[Number(part)];
    else v = obj(v)?.[part];
    if (v === undefined || v === null) return undefined;
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Contributor Insights keys of the per-principal rule (modules/sign-in-brute-force), per sign-in source. */
export interface ContributorKeys {
  readonly console: readonly string[];
  readonly identityCenter: readonly string[];
  readonly sourceIp: readonly string[];
}

/**
 * The rule's default keys: the account and the user name for console sign-ins (a failed sign-in of an
 * unknown user has no ARN, only `HIDDEN_DUE_TO_SECURITY_REASONS`), the user name alone for IAM
 * Identity Center, whose users belong to the organization's identity store.
 */
export const DEFAULT_CONTRIBUTOR_KEYS: ContributorKeys = {
  console: ['$.recipientAccountId', '$.userIdentity.userName'],
  identityCenter: ['$.userIdentity.userName'],
  sourceIp: ['$.sourceIPAddress'],
};

/** A contributor as the rule keys it: the key values joined by spaces, `-` for an absent one. */
export function contributorKey(record: Obj, keys: readonly string[]): string {
  return keys.map((k) => valueAt(record, k) ?? '-').join(' ');
}

/** The principal of a failed sign-in as the per-principal rule keys it. */
export function contributorPrincipalOf(record: Obj, keys: ContributorKeys = DEFAULT_CONTRIBUTOR_KEYS): string {
  return contributorKey(record, record.eventName === 'CredentialVerification' ? keys.identityCenter : keys.console);
}

export function sourceIpOf(record: Obj): string {
  return str(record.sourceIPAddress) ?? 'unknown';
}

export function summarize(event: ReplayEvent, timeMs: number): EventSummary {
  const time = Number.isNaN(timeMs) ? 'unknown' : new Date(timeMs).toISOString().replace(/\.000Z$/, 'Z');
  if (typeof event === 'string') {
    return { time, account: '', principal: '', sourceIp: '', eventName: event.length > 60 ? `${event.slice(0, 57)}...` : event };
  }
  return {
    time,
    account: str(event.recipientAccountId) ?? str(obj(event.userIdentity)?.accountId) ?? 'unknown',
    principal: principalOf(event),
    sourceIp: sourceIpOf(event),
    eventName: str(event.eventName) ?? 'unknown',
  };
}
