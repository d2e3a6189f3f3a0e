/**
 * Who did it, from a CloudTrail record's `userIdentity`, for a person reading a notification: a name,
 * the principal type, the ARN, and the one field that best finds this principal's other events.
 * Identity Center records changed shape in July 2025 (CloudTrail User Guide, "CloudTrail userIdentity
 * element", IdentityCenterUser): `userName` gave way to `onBehalfOf.userId` (the identity-store user id).
 */

export interface Principal {
  /** `alice`, `root`, `Admin/alice@example.com`, or an identity-store user id `94d00cd8-...`. */
  readonly name: string;
  /** userIdentity.type, e.g. `IAMUser`, `Root`, `AssumedRole`, `IdentityCenterUser`, `Unknown`. */
  readonly type: string;
  readonly arn?: string;
  /** Identity Center (newer shape): the identity store the user id belongs to. */
  readonly identityStoreArn?: string;
  /** Logs Insights field and value that select this principal's events. */
  readonly query?: { readonly field: string; readonly value: string };
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export function principalOf(record: Json): Principal {
  const id = obj(record.userIdentity);
  const type = str(id.type) ?? 'unknown';
  const arn = str(id.arn);
  const userName = str(id.userName);
  const onBehalfOf = str(obj(id.onBehalfOf).userId);
  const identityStoreArn = str(obj(id.onBehalfOf).identityStoreArn);
  const query = arn
    ? { field: 'userIdentity.arn', value: arn }
    : userName
      ? { field: 'userIdentity.userName', value: userName }
      : onBehalfOf
        ? { field: 'userIdentity.onBehalfOf.userId', value: onBehalfOf }
        : undefined;
  const base = { type, ...(arn ? { arn } : {}), ...(identityStoreArn ? { identityStoreArn } : {}), ...(query ? { query } : {}) };
  switch (type) {
    case 'Root':
      return { name: 'root', ...base };
    case 'AssumedRole':
    case 'FederatedUser': {
      // arn:aws:sts::<account>:assumed-role/<role>/<session> or federated-user/<name>
      const tail = arn?.split(':').slice(5).join(':').split('/').slice(1).join('/');
      return { name: tail || userName || str(id.principalId) || 'unknown', ...base };
    }
    case 'AWSService':
      return { name: str(id.invokedBy) ?? 'AWS service', ...base };
    default:
      if (userName) return { name: userName, ...base };
      // The identity-store user id alone: it fits a subject line; the body names the identity store.
      if (onBehalfOf) return { name: onBehalfOf, ...base };
      return { name: str(id.principalId) ?? arn ?? 'unknown', ...base };
  }
}
