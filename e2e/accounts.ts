/**
 * Registers AWS accounts in the emulator. moto decides the account of a request from its access key:
 * a key that exists in an account's IAM acts in that account, any other key in moto's default account.
 * So, for each account an environment names, this creates an IAM user with an access key in that
 * account, and checks with STS GetCallerIdentity that the emulator maps the key back to the account.
 */
import { EmulatorClient, xmlValue } from './aws';

/** Static credentials that act in one emulated account. */
export interface AccountCredentials {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Per-account credentials, by 12-digit account ID. */
export type AccountCredentialsMap = ReadonlyMap<string, AccountCredentials>;

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';
/** The IAM user standing in for the pipeline's identity in each account. */
export const PIPELINE_USER = 'trailwatch-e2e-pipeline';

async function registerAccount(endpoint: string, accountId: string): Promise<AccountCredentials> {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`not an AWS account ID: "${accountId}"`);
  const iam = new EmulatorClient(endpoint, 'us-east-1', { accountId });
  await iam.query('iam', 'CreateUser', IAM_VERSION, { UserName: PIPELINE_USER });
  const key = await iam.query('iam', 'CreateAccessKey', IAM_VERSION, { UserName: PIPELINE_USER });
  const credentials = {
    accountId,
    accessKeyId: xmlValue(key, 'AccessKeyId'),
    secretAccessKey: xmlValue(key, 'SecretAccessKey'),
  };
  const sts = new EmulatorClient(endpoint, 'us-east-1', credentials);
  const identity = await sts.query('sts', 'GetCallerIdentity', STS_VERSION);
  const seen = xmlValue(identity, 'Account');
  if (seen !== accountId) throw new Error(`the emulator maps the access key registered in ${accountId} to account ${seen}`);
  return credentials;
}

/** Registers every account once (duplicates ignored) and returns their credentials. */
export async function registerAccounts(endpoint: string, accountIds: Iterable<string>): Promise<Map<string, AccountCredentials>> {
  const unique = [...new Set(accountIds)].sort();
  const registered = await Promise.all(unique.map((id) => registerAccount(endpoint, id)));
  return new Map(registered.map((c) => [c.accountId, c]));
}

/** A client acting in `accountId` with its registered credentials. */
export function clientFor(endpoint: string, credentials: AccountCredentialsMap, accountId: string, region: string): EmulatorClient {
  const c = credentials.get(accountId);
  if (!c) throw new Error(`account ${accountId} was not registered in the emulator`);
  return new EmulatorClient(endpoint, region, { accessKeyId: c.accessKeyId });
}
