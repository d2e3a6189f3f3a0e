// The benchmark's floor: a plain JavaScript cdktf app (run by node, nothing to transpile) that builds,
// with the same @cdktf/provider-aws classes, exactly the providers, backend, resources, data sources
// and outputs a trailwatch synth produced, the way a hand-written cdktf app would: typed camelCase
// props passed to each class's constructor, attribute references as tokens of its own constructs
// (`topic.arn`, `${bucket.arn}/*`), `dependsOn: [construct]`, `provider: construct`, lifecycle as
// props. No config loading, no validation, no trailwatch modules, no pattern engine: what cdktf itself
// costs for that output. bench/synth.ts checks that its cdk.tf.json deep-equals trailwatch's (but
// for the "//" metadata); bench/floor-raw.cjs is the lower bound that skips tokens altogether. Usage:
//   node bench/floor-app.cjs <spec.json>   (spec: { stacks: [{ name, json: <cdk.tf.json> }] }; CDKTF_OUTDIR selects the output)
'use strict';
const fs = require('node:fs');
const { App, AssetType, LocalBackend, S3Backend, TerraformAsset, TerraformOutput, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { ALL_BLOCKS, GeneratedBlock, PROVIDER_BLOCK, camelCase, referencedAddresses, toProps } = require('./floor-props.cjs');

const { classFor } = require('./provider-class.cjs');

/** Top-level cdk.tf.json keys the floor rebuilds; anything else (locals, variable, module, moved, import) is not in trailwatch's output. */
const STACK_KEYS = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'output']);
/** Meta-arguments of a resource the floor rebuilds as constructor props (for_each, connection, provisioner: never in trailwatch's output). */
const META_ARGUMENTS = new Set(['//', 'depends_on', 'provider', 'lifecycle', 'count']);

/**
 * Every provider, resource and data source of a stack, keyed by its Terraform address (`aws`,
 * `aws.log_archive`, `aws_sns_topic.x`, `data.aws_iam_policy_document.y`), with the addresses it
 * needs built first: the ones its config references, its depends_on and its provider.
 */
function elementsOf(json) {
  const elements = new Map();
  for (const [name, configs] of Object.entries(json.provider ?? {})) {
    if (name !== 'aws') throw new Error(`provider ${name}: the floor builds aws providers only`);
    for (const config of configs) {
      const address = config.alias ? `aws.${config.alias}` : 'aws';
      elements.set(address, { address, kind: 'provider', id: `provider-${config.alias ?? 'default'}`, config });
    }
  }
  for (const kind of ['resource', 'data']) {
    for (const [type, byId] of Object.entries(json[kind] ?? {})) {
      for (const [id, config] of Object.entries(byId)) {
        for (const key of Object.keys(config)) {
          if (['for_each', 'connection', 'provisioner'].includes(key)) throw new Error(`${type}.${id}: ${key} is not supported by the floor`);
        }
        const address = `${kind === 'data' ? 'data.' : ''}${type}.${id}`;
        elements.set(address, { address, kind, type, id, config });
      }
    }
  }
  for (const element of elements.values()) {
    const needs = referencedAddresses(element.config);
    for (const address of element.config.depends_on ?? []) needs.add(address);
    if (element.kind !== 'provider' && element.config.provider) needs.add(element.config.provider);
    element.dependencies = [...needs].filter((address) => elements.has(address));
  }
  return elements;
}

/** The elements in an order where each comes after everything it references (depth-first topological sort). */
function dependencyOrder(elements) {
  const order = [];
  const state = new Map(); // address -> 'visiting' | 'done'
  const visit = (address) => {
    if (state.get(address) === 'done') return;
    if (state.get(address) === 'visiting') throw new Error(`reference cycle through ${address}`);
    state.set(address, 'visiting');
    for (const dependency of elements.get(address).dependencies) visit(dependency);
    state.set(address, 'done');
    order.push(elements.get(address));
  };
  for (const address of elements.keys()) visit(address);
  return order;
}

/** The already-built construct at `address` (depends_on entries, provider names): must exist. */
function builtAt(built, address, from) {
  const element = built.get(address);
  if (!element) throw new Error(`${from} refers to ${address}, which is not in the stack`);
  return element;
}

/**
 * Builds one element the way a hand-written app does. `blocksOf(kind, type)` says which of the type's
 * keys are nested blocks (see GeneratedBlock); `built` holds the constructs built so far by address.
 */
function buildElement(stack, element, built, blocksOf) {
  const { kind, type, id, config, address } = element;
  if (kind === 'provider') return new AwsProvider(stack, id, toProps(config, PROVIDER_BLOCK, built));
  const attributes = {};
  for (const [key, value] of Object.entries(config)) if (!META_ARGUMENTS.has(key)) attributes[key] = value;
  const props = toProps(attributes, blocksOf(kind, type), built);
  if (config.depends_on) props.dependsOn = config.depends_on.map((dependency) => builtAt(built, dependency, address));
  if (config.provider) props.provider = builtAt(built, config.provider, address);
  if (config.lifecycle) props.lifecycle = toProps(config.lifecycle, ALL_BLOCKS, built);
  if (config.count !== undefined) props.count = config.count;
  return new (classFor(kind, type))(stack, id, props);
}

/**
 * A file the stack ships (the notification function's zip), as a hand-written app ships it: a
 * TerraformAsset, which cdktf copies into the stack folder at synth (`assets/<asset id>/<hash>/<file>`).
 * Its construct id is the asset id trailwatch's path names, so the path comes out the same; the
 * element whose config names that path (the function's `filename`) gets the asset's `path` instead.
 */
function buildAsset(stack, { path: assetPath, source }, built) {
  const [, id] = assetPath.split('/');
  const asset = new TerraformAsset(stack, id, { path: source, type: AssetType.FILE });
  if (asset.path !== assetPath) throw new Error(`the floor's asset ${id} is at ${asset.path}, trailwatch's at ${assetPath}`);
  built.set(`asset:${assetPath}`, asset);
}

function buildBackend(stack, terraform = {}) {
  for (const name of Object.keys(terraform.backend ?? {})) {
    if (name !== 's3' && name !== 'local') throw new Error(`backend ${name}: the floor builds s3 and local backends only`);
  }
  const s3 = terraform.backend?.s3;
  if (s3) {
    // cdktf 0.21's S3Backend has no use_lockfile: an override, as trailwatch's environment stack does.
    const { use_lockfile: useLockfile, ...rest } = s3;
    new S3Backend(stack, toProps(rest, ALL_BLOCKS, new Map()));
    if (useLockfile !== undefined) stack.addOverride('terraform.backend.s3.use_lockfile', useLockfile);
  }
  const local = terraform.backend?.local;
  if (local) new LocalBackend(stack, toProps(local, ALL_BLOCKS, new Map()));
  // terraform.required_providers is not built: the AwsProvider construct adds it.
}

function buildOutputs(stack, outputs, built) {
  for (const [id, output] of Object.entries(outputs)) {
    const { '//': _, depends_on: dependsOn, value, ...rest } = output;
    const props = { value: toProps(value, undefined, built) };
    for (const [key, item] of Object.entries(rest)) props[camelCase(key)] = item;
    if (dependsOn) props.dependsOn = dependsOn.map((dependency) => builtAt(built, dependency, `output ${id}`));
    new TerraformOutput(stack, id, props);
  }
}

const PROBE_STACK_ID = 'floor-block-probe';

function buildFloor(spec, app) {
  // One probe element per type, in a stack removed before synth, tells blocks from maps (floor-props.cjs).
  const probeStack = new TerraformStack(app, PROBE_STACK_ID);
  const probes = new Map();
  const blocksOf = (kind, type) => {
    const key = `${kind}:${type}`;
    if (!probes.has(key)) probes.set(key, new GeneratedBlock(new (classFor(kind, type))(probeStack, key, {})));
    return probes.get(key);
  };
  for (const { name, json, assets = [] } of spec.stacks) {
    for (const key of Object.keys(json)) if (!STACK_KEYS.has(key)) throw new Error(`${name}: top-level ${key} is not supported by the floor`);
    const stack = new TerraformStack(app, name);
    buildBackend(stack, json.terraform);
    const built = new Map();
    for (const asset of assets) buildAsset(stack, asset, built);
    for (const element of dependencyOrder(elementsOf(json))) built.set(element.address, buildElement(stack, element, built, blocksOf));
    buildOutputs(stack, json.output ?? {}, built);
  }
  app.node.tryRemoveChild(PROBE_STACK_ID);
}

module.exports = { buildFloor };

if (require.main === module) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  // From a fresh task, as trailwatch's main.ts does: cdktf records a full stack trace for every token
  // it creates, and without the module loader's frames below each trace costs less (about a fifth of
  // this app's time for 100 environments). The floor gets the same shallow stack as the app it floors.
  setImmediate(() => {
    const app = new App();
    buildFloor(spec, app);
    app.synth();
  });
}
