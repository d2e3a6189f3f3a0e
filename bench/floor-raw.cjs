// The benchmark's raw floor, a lower bound: raw overrides, no tokens. A plain JavaScript cdktf app
// (run by node, nothing to transpile) that creates, with the same @cdktf/provider-aws classes, exactly
// the resources, data sources, providers, backends and outputs a trailwatch synth produced, each as
// `new Cls(stack, id, {})` followed by the whole JSON config as addOverride literals. It creates no
// tokens (no attribute references, no dependsOn constructs) and skips the classes' typed config
// handling, so it costs less than any cdktf app producing that output; bench/floor-app.cjs is the
// faithful floor the targets are judged against. Usage:
//   node bench/floor-raw.cjs <spec.json>   (spec: { stacks: [{ name, json: <cdk.tf.json> }] }; CDKTF_OUTDIR selects the output)
'use strict';
const fs = require('node:fs');
const { App, TerraformOutput, TerraformStack, S3Backend, LocalBackend } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');

const { classFor } = require('./provider-class.cjs');

function overrideAll(element, config) {
  for (const [key, value] of Object.entries(config)) element.addOverride(key, value);
}

function buildFloor(spec, app) {
  for (const { name, json } of spec.stacks) {
    const stack = new TerraformStack(app, name);
    const s3 = json.terraform?.backend?.s3;
    if (s3) {
      const { use_lockfile: useLockfile, ...rest } = s3;
      new S3Backend(stack, rest);
      if (useLockfile !== undefined) stack.addOverride('terraform.backend.s3.use_lockfile', useLockfile);
    }
    const local = json.terraform?.backend?.local;
    if (local) new LocalBackend(stack, local);
    for (const [i, p] of (json.provider?.aws ?? []).entries()) overrideAll(new AwsProvider(stack, `aws${i}`, { alias: p.alias }), p);
    for (const kind of ['resource', 'data']) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        const Cls = classFor(kind, type);
        for (const [id, config] of Object.entries(byName)) overrideAll(new Cls(stack, id, {}), config);
      }
    }
    for (const [id, out] of Object.entries(json.output ?? {})) new TerraformOutput(stack, id, { value: out.value });
  }
}

module.exports = { buildFloor };

if (require.main === module) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const app = new App();
  buildFloor(spec, app);
  app.synth();
}
