/**
 * Names derived from an environment's config. Stacks and cross-environment validation both use
 * these functions, so a collision reported at validation is exactly the one that would happen.
 */
export interface NamingInput {
  readonly name: string;
  readonly namingPrefix: string;
  readonly managementAccountId: string;
  readonly logArchiveAccountId?: string;
  readonly state: { readonly bucket: string; readonly keyPrefix: string };
  readonly trail?: {
    readonly name?: string;
    readonly bucketName?: string;
    readonly accessLogBucketName?: string;
    readonly logGroup?: { readonly name?: string };
  };
}

/** The cdktf stack (and `cdktf.out/stacks/<name>` folder) of an environment. */
export function stackName(env: Pick<NamingInput, 'name'>): string {
  return `trailwatch-${env.name}`;
}

/** `<prefix>-<environment>`: the start of every resource name, so a page says which organization it came from. */
export function resourcePrefix(env: Pick<NamingInput, 'name' | 'namingPrefix'>): string {
  return `${env.namingPrefix}-${env.name}`;
}

/** Account that owns the log bucket: the log-archive account when named, else the management account. */
export function logBucketAccount(env: NamingInput): string {
  return env.logArchiveAccountId ?? env.managementAccountId;
}

/** S3 bucket names are global: the account id makes the default unique across organizations. */
export function logBucketName(env: NamingInput): string {
  return env.trail?.bucketName ?? `${resourcePrefix(env)}-cloudtrail-${logBucketAccount(env)}`;
}

/** The access-log bucket name: `trail.accessLogBucketName`, else `<prefix>-access-logs-<bucket account>`. */
export function accessLogBucketName(env: NamingInput): string {
  return env.trail?.accessLogBucketName ?? `${resourcePrefix(env)}-access-logs-${logBucketAccount(env)}`;
}

/** Default trail name: `<prefix>-<name>-organization-trail`. */
export function trailName(env: Pick<NamingInput, 'name' | 'namingPrefix' | 'trail'>): string {
  return env.trail?.name ?? `${resourcePrefix(env)}-organization-trail`;
}

/** Default log group name: `/trailwatch/<prefix>-<name>/cloudtrail`. */
export function trailLogGroupName(env: Pick<NamingInput, 'name' | 'namingPrefix' | 'trail'>): string {
  return env.trail?.logGroup?.name ?? `/trailwatch/${resourcePrefix(env)}/cloudtrail`;
}

/** `s3://<bucket>/<key>` of the environment's Terraform state. */
export function stateLocation(env: NamingInput): string {
  const prefix = env.state.keyPrefix.replace(/\/+$/, '');
  return `s3://${env.state.bucket}/${prefix ? `${prefix}/` : ''}${stackName(env)}.tfstate`;
}

/** What every alarm description says about where its events are (modules/common/alarm-description). */
export function alarmContext(
  env: Pick<NamingInput, 'name'> & { readonly managementAccountId: string; readonly homeRegion: string },
  logGroupName: string,
): { environment: string; managementAccountId: string; region: string; logGroupName: string } {
  return { environment: env.name, managementAccountId: env.managementAccountId, region: env.homeRegion, logGroupName };
}
