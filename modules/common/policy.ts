/**
 * Typed IAM policy documents, serialized once with JSON.stringify. Every value is a plain string
 * derived from config, so the exact policy is visible in `terraform plan` and can be evaluated in
 * tests by an IAM policy simulator.
 */
export type PolicyPrincipal =
  | '*'
  | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  const sids = new Set<string>();
  for (const s of statements) {
    if (sids.has(s.Sid)) throw new Error(`duplicate policy statement Sid "${s.Sid}"`);
    sids.add(s.Sid);
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Serializes a policy document for a Terraform `policy` argument. */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}
