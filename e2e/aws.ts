/**
 * A minimal AWS API client for the emulator only (moto): it does not sign requests. moto does not
 * verify signatures; it reads the access key, region and service from the `Authorization` header's
 * credential scope, and picks the account from the access key (or from `x-moto-account-id`, which
 * only the bootstrap of accounts uses, before any key exists). Never point this at real AWS.
 *
 * Why not the AWS SDK: the harness makes a few dozen calls to seven services; seven SDK clients
 * would be a large dependency for that, and Terraform's own provider (the AWS SDK for Go) makes every
 * call that matters.
 */

/** How a request names its caller: a registered access key, or (bootstrap only) an account ID. */
export type Caller = { accessKeyId: string } | { accountId: string };

export class AwsError extends Error {
  constructor(
    readonly service: string,
    readonly action: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${service} ${action} failed with HTTP ${status}: ${body.slice(0, 600)}`);
    this.name = 'AwsError';
  }

  /** The AWS error code (`NoSuchEntity`, `ResourceNotFoundException`, ...) when the body names one. */
  get code(): string | undefined {
    return (
      /<Code>([^<]+)<\/Code>/.exec(this.body)?.[1] ??
      /"__type"\s*:\s*"(?:[^"#]*#)?([^"]+)"/.exec(this.body)?.[1] ??
      /"(?:code|Code)"\s*:\s*"([^"]+)"/.exec(this.body)?.[1]
    );
  }
}

const BOOTSTRAP_KEY = 'AKIAMOTOBOOTSTRAP000';

export class EmulatorClient {
  constructor(
    readonly endpoint: string,
    readonly region: string,
    readonly caller: Caller,
  ) {}

  private headers(service: string): Record<string, string> {
    const key = 'accessKeyId' in this.caller ? this.caller.accessKeyId : BOOTSTRAP_KEY;
    const headers: Record<string, string> = {
      authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/${this.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    };
    if ('accountId' in this.caller) headers['x-moto-account-id'] = this.caller.accountId;
    return headers;
  }

  private async send(service: string, action: string, path: string, init: RequestInit): Promise<string> {
    const response = await fetch(`${this.endpoint}${path}`, init);
    const body = await response.text();
    if (!response.ok) throw new AwsError(service, action, response.status, body);
    return body;
  }

  /** AWS query protocol (IAM, STS, SNS, SQS, CloudWatch): returns the XML body. */
  query(service: string, action: string, version: string, params: Record<string, string> = {}): Promise<string> {
    const body = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
    return this.send(service, action, '/', {
      method: 'POST',
      headers: { ...this.headers(service), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  /** AWS JSON protocol (CloudTrail, CloudWatch Logs, KMS): `target` is the X-Amz-Target prefix. */
  async json<T = any>(service: string, target: string, action: string, input: object = {}): Promise<T> {
    const text = await this.send(service, action, '/', {
      method: 'POST',
      headers: { ...this.headers(service), 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${target}.${action}` },
      body: JSON.stringify(input),
    });
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** REST protocols (S3, Lambda): returns the body text. */
  rest(service: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<string> {
    return this.send(service, `${method} ${path}`, path, {
      method,
      headers: { ...this.headers(service), ...headers },
      ...(body === undefined ? {} : { body }),
    });
  }
}

/** The text of every `<tag>` element of an XML body (enough for the few fields the harness reads). */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
}

/** The text of the first `<tag>` element, or throws naming the call's body. */
export function xmlValue(xml: string, tag: string): string {
  const [value] = xmlValues(xml, tag);
  if (value === undefined) throw new Error(`no <${tag}> in emulator response: ${xml.slice(0, 400)}`);
  return value;
}
