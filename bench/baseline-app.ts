/**
 * The benchmark's baseline: synthesizes, with bare cdktf provider constructs and nothing of
 * trailwatch (no config loading, validation, modules or pattern engine), exactly the resources,
 * data sources, providers and outputs that a trailwatch synth produced. Usage:
 *   node --import tsx bench/baseline-app.ts <spec.json>   (CDKTF_OUTDIR selects the output)
 */
import * as fs from 'node:fs';
import { App, TerraformOutput, TerraformStack, S3Backend, type TerraformElement } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export interface BaselineSpec {
  stacks: { name: string; json: Record<string, any> }[];
}

const kebab = (type: string) => type.replace(/^aws_/, '').replace(/_/g, '-');

function classFor(kind: 'resource' | 'data', type: string): new (s: TerraformStack, id: string, c: any) => TerraformElement {
  const modulePath = `@cdktf/provider-aws/lib/${kind === 'data' ? 'data-' : ''}${kebab(type)}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modulePath) as Record<string, any>;
  const cls = Object.values(mod).find((v) => typeof v === 'function' && v.tfResourceType === type);
  if (!cls) throw new Error(`no construct for ${kind} ${type} in ${modulePath}`);
  return cls;
}

function overrideAll(element: TerraformElement, config: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(config)) element.addOverride(key, value);
}

export function buildBaseline(spec: BaselineSpec, app: App): void {
  for (const { name, json } of spec.stacks) {
    const stack = new TerraformStack(app, name);
    const backend = json.terraform?.backend?.s3;
    if (backend) new S3Backend(stack, backend);
    for (const [i, p] of ((json.provider?.aws ?? []) as Record<string, unknown>[]).entries()) {
      overrideAll(new AwsProvider(stack, `aws${i}`, { alias: p.alias as string | undefined }), p);
    }
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries<Record<string, Record<string, unknown>>>(json[kind] ?? {})) {
        const Cls = classFor(kind, type);
        for (const [id, config] of Object.entries(byName)) overrideAll(new Cls(stack, id, {}), config);
      }
    }
    for (const [id, out] of Object.entries<{ value: unknown }>(json.output ?? {})) new TerraformOutput(stack, id, { value: out.value });
  }
}

if (require.main === module) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as BaselineSpec;
  const app = new App();
  buildBaseline(spec, app);
  app.synth();
}
