// Part of the benchmark's faithful floor (bench/floor-app.cjs): turns one element of a synthesized
// cdk.tf.json back into what a hand-written cdktf app passes to the provider class constructor:
// camelCase typed props, map attributes with their keys as they are, and every Terraform reference
// (`${aws_x.id.attr}`, also inside a longer string) as a cdktf token of the floor's own construct.
// Building the props is cheap next to what cdktf then does with them (tokens, stack traces, resolution),
// which is the cost the floor is there to measure.
'use strict';

/** `${aws_x.id.attr}` or `${data.aws_x.id.attr}`: group 1 is the element's address, group 2 the attribute. */
const REFERENCE = /\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+|\[[0-9*]+\])*)\}/g;

const camelCase = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/**
 * The prop (and getter) name the provider generator gives a snake_case Terraform name: its camelCase,
 * memoized (the same few dozen keys recur in every resource).
 */
const propNames = new Map();
function propName(key) {
  let name = propNames.get(key);
  if (name === undefined) {
    name = escapeReserved(camelCase(key));
    propNames.set(key, name);
  }
  return name;
}

/**
 * Names jsii or the construct base classes reserve, renamed as escapeAttributeName in
 * @cdktf/provider-generator does (e.g. the CloudTrail field selector's `equals` is `equalTo`).
 */
function escapeReserved(name) {
  if (name === 'equals') return 'equalTo';
  if (/^get[A-Za-z]+/.test(name)) return name.replace('get', 'fetch');
  if (['self', 'build', 'node', 'system', 'software'].includes(name)) return `${name}Attribute`;
  return name;
}

/** Addresses (`aws_x.id`, `data.aws_x.id`) referenced anywhere in a JSON value, in order of appearance. */
function referencedAddresses(value, into = new Set()) {
  if (typeof value === 'string') {
    if (value.includes('${')) for (const match of value.matchAll(REFERENCE)) into.add(match[1]);
  } else if (Array.isArray(value)) {
    for (const item of value) referencedAddresses(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== '//') referencedAddresses(item, into);
  }
  return into;
}

/**
 * A whole-value reference as a hand-written app writes it: the typed getter (`topic.arn`,
 * `key.keyId`: a string, number or list token as the attribute's type says) when the generated class
 * has one for the attribute, else `getStringAttribute` (nested paths such as `attr[0].name`).
 */
function attributeToken(element, attribute) {
  const getter = propName(attribute);
  if (Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), getter)?.get) {
    const token = element[getter];
    // Block-typed attributes have an OutputReference object as getter: not a value to assign.
    if (typeof token !== 'object' || Array.isArray(token)) return token;
  }
  return element.getStringAttribute(attribute);
}

/** A JSON string with its references to already-built elements (`built`: address -> construct) as tokens. */
function withTokens(text, built) {
  // A file the stack ships (see buildAsset in floor-app.cjs): the asset's path, as a hand-written app writes it.
  if (text.startsWith('assets/') && built.has(`asset:${text}`)) return built.get(`asset:${text}`).path;
  if (!text.includes('${')) return text; // most strings: no reference, no regex
  const parts = [];
  let rest = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const element = built.get(match[1]);
    if (!element) continue; // not one of this stack's elements: left as the literal text it is
    if (match[0].length === text.length) return attributeToken(element, match[2]);
    // Inside a longer string (`${aws_s3_bucket.b.arn}/*`) Terraform interpolates it as a string.
    parts.push(text.slice(rest, match.index), element.getStringAttribute(match[2]));
    rest = match.index + match[0].length;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(rest));
  return parts.join('');
}

/**
 * Which keys of a resource or data source are nested blocks (camelCase keys in the props) rather than
 * maps (tags, dimensions, environment variables: keys kept). The generated provider classes say so:
 * a nested block has a put<Block>() method on its parent, the element class for a top-level block and
 * the parent block's OutputReference class below that; a map attribute has none. The OutputReference
 * instances come from a probe element of the type, built once per type in a stack that is never
 * synthesized (see floor-app.cjs); looking them up by class name is unreliable (the generator renames
 * colliding names, e.g. S3BucketServerSideEncryptionConfigurationRuleAOutputReference).
 */
class GeneratedBlock {
  constructor(owner) {
    this.owner = owner;
    this.children = new Map();
  }

  /** The nested block `key` (snake_case), or undefined when `key` is a map or a plain attribute. */
  child(key) {
    if (!this.children.has(key)) {
      let child;
      const name = propName(key);
      if (typeof this.owner[`put${name[0].toUpperCase()}${name.slice(1)}`] === 'function') {
        const reference = this.owner[name];
        // A list or set block's getter is a ComplexList: its items share one OutputReference class.
        child = new GeneratedBlock(typeof reference.get === 'function' ? reference.get(0) : reference);
      }
      this.children.set(key, child);
    }
    return this.children.get(key);
  }
}

/**
 * Provider classes have no put<Block>() methods: their config blocks (assume_role, default_tags, ...)
 * are plain lists of structs. So under a provider a list of objects is a block and an object is a map
 * (default_tags.tags).
 */
const PROVIDER_BLOCK = { child: (_key, value) => (Array.isArray(value) ? PROVIDER_BLOCK : undefined) };

/**
 * Meta-argument blocks (lifecycle) and backend configs: cdktf snake_cases all their keys back. (Their
 * keys go through propName too, whose renames never hit a lifecycle or backend key.)
 */
const ALL_BLOCKS = { child: () => ALL_BLOCKS };

/**
 * The props for a JSON value: under a block (`block` set) keys become camelCase and nested keys are
 * looked up in the block; elsewhere (map attributes, plain values, outputs) keys stay as they are.
 * Strings get their references as tokens.
 */
function toProps(value, block, built) {
  if (typeof value === 'string') return withTokens(value, built);
  if (Array.isArray(value)) return value.map((item) => toProps(item, block, built));
  if (value === null || typeof value !== 'object') return value;
  const props = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '//') continue;
    if (block) props[propName(key)] = toProps(item, block.child(key, item), built);
    else props[key] = toProps(item, undefined, built);
  }
  return props;
}

module.exports = { ALL_BLOCKS, GeneratedBlock, PROVIDER_BLOCK, camelCase, referencedAddresses, toProps };
