/**
 * The faithful floor (bench/floor-app.cjs) rebuilds a stack from its cdk.tf.json the way a hand-written
 * cdktf app would: its synth must give back the same JSON (but for "//" metadata), with references and
 * depends_on as tokens rather than literals.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformResource, Token } from 'cdktf';
import { assetFiles, firstDifference, withoutMetadata } from '../fidelity';
import type { FloorSpec } from '../synth';

const { buildFloor } = require('../floor-app.cjs') as { buildFloor: (spec: FloorSpec, app: App) => void };
const awsProviderVersion: string = require('@cdktf/provider-aws/package.json').cdktf.provider.version;

/** The policy comes first so the floor has to order the elements by their references. */
const stackJson = {
  '//': { metadata: { stackName: 'floor-test', version: '0.21.0' } },
  provider: { aws: [{ region: 'us-east-1' }] },
  terraform: {
    // Without a backend cdktf adds a local one; use_lockfile goes through the floor's one override.
    backend: { s3: { bucket: 'floor-test-state', encrypt: true, key: 'floor-test.tfstate', region: 'us-east-1', use_lockfile: true } },
    required_providers: { aws: { source: 'aws', version: awsProviderVersion } },
  },
  resource: {
    aws_s3_bucket_policy: {
      'logs_policy_0A1B2C3D': {
        '//': { metadata: { path: 'floor-test/logs/policy', uniqueId: 'logs_policy_0A1B2C3D' } },
        bucket: '${aws_s3_bucket.logs_bucket_4E5F6A7B.id}',
        depends_on: ['aws_s3_bucket.logs_bucket_4E5F6A7B'],
        policy: '{"Statement":[{"Effect":"Deny","Resource":"${aws_s3_bucket.logs_bucket_4E5F6A7B.arn}/*"}]}',
      },
    },
    aws_s3_bucket: {
      'logs_bucket_4E5F6A7B': {
        bucket: 'floor-test-logs',
        lifecycle: { prevent_destroy: true },
        // A map: keys kept as they are (a colon; an underscore that camelCase would change).
        tags: { 'trailwatch:purpose': 'floor-test', cost_center: 'security' },
      },
    },
  },
};

function synthFloor(spec: FloorSpec): { app: App; json: unknown; assets: Map<string, Buffer> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-floor-test-'));
  try {
    const app = new App({ outdir });
    buildFloor(spec, app);
    app.synth();
    const stackDir = path.join(outdir, 'stacks', 'floor-test');
    const assets = new Map(assetFiles(stackDir).map((f) => [f, fs.readFileSync(path.join(stackDir, f))]));
    return { app, json: JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')), assets };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('the faithful floor', () => {
  it('synthesizes the spec back, but for "//" metadata', () => {
    const { json } = synthFloor({ stacks: [{ name: 'floor-test', json: stackJson, assets: [] }] });
    expect(withoutMetadata(json)).toEqual(withoutMetadata(stackJson));
  });

  it('builds references and depends_on as tokens of its own constructs, not literals', () => {
    const { app } = synthFloor({ stacks: [{ name: 'floor-test', json: stackJson, assets: [] }] });
    const stack = app.node.findChild('floor-test');
    const policy = stack.node.findChild('logs_policy_0A1B2C3D') as TerraformResource & { bucketInput?: string; policyInput?: string };
    expect(Token.isUnresolved(policy.bucketInput)).toBe(true);
    expect(Token.isUnresolved(policy.policyInput)).toBe(true);
    expect(policy.dependsOn).toHaveLength(1);
    expect(Token.isUnresolved(policy.dependsOn![0])).toBe(true);
    // The probe stack that tells blocks from maps is gone before synth.
    expect(app.node.children.map((c) => c.node.id)).toEqual(['floor-test']);
  });

  it('ships a file the stack names (the function zip) as a TerraformAsset at the same path, with the same bytes', () => {
    const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-floor-asset-')), 'code.zip');
    fs.writeFileSync(zip, 'not really a zip');
    const assetPath = `assets/fn_package_1A2B3C4D/${createHash('md5').update('not really a zip').digest('hex').toUpperCase()}/code.zip`;
    const json = { ...stackJson, resource: { aws_s3_object: { code_object_5E6F7A8B: { bucket: 'floor-test-code', key: 'code.zip', source: assetPath } } } };
    const { json: synthesized, assets } = synthFloor({ stacks: [{ name: 'floor-test', json, assets: [{ path: assetPath, source: zip }] }] });
    expect(withoutMetadata(synthesized)).toEqual(withoutMetadata(json));
    expect([...assets.keys()]).toEqual([assetPath]);
    expect(assets.get(assetPath)!.toString()).toBe('not really a zip');
  });
});

describe('firstDifference', () => {
  it('names the first differing JSON path', () => {
    expect(firstDifference({ a: [1, { 'b:c': 2 }] }, { a: [1, { 'b:c': 3 }] })).toBe('$.a[1]["b:c"]: expected 2, got 3');
    expect(firstDifference({ a: 1 }, { a: 1, z: 0 })).toBe('$.z: expected nothing, got 0');
    expect(firstDifference({ a: [1] }, { a: [1] })).toBeUndefined();
  });
});
