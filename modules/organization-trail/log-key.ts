/**
 * A customer-managed KMS key for logs: rotation on (Security Hub KMS.4), 30-day deletion window (the
 * longest: a scheduled deletion of a log key can still be cancelled for a month), and an alias.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { policyJson, type PolicyDocument } from '../common/policy';

/** `alias/<name>` with every character KMS rejects in an alias (anything but letters, digits, / _ -) replaced by `-`. */
export function keyAlias(name: string): string {
  return `alias/${name.replace(/[^a-zA-Z0-9/_-]/g, '-')}`;
}

export interface LogKeyProps {
  /** Alias name, `alias/...`. Required. */
  readonly aliasName: string;
  /** What the key is for, shown in the console. Required. */
  readonly description: string;
  /** Key policy. Required. */
  readonly policy: PolicyDocument;
  /** lifecycle prevent_destroy on the key. @default true */
  readonly preventDestroy?: boolean;
  /** Provider of the owning account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class LogKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: LogKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(props.policy),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.alias = new KmsAlias(this, 'alias', { provider: props.provider, name: props.aliasName, targetKeyId: this.key.keyId });
  }
}
