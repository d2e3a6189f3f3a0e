// Shared by the benchmark's floors (bench/floor-app.cjs, bench/floor-raw.cjs): the provider class of a
// resource or data source type, deep-imported as trailwatch does (the package root costs 10x).
'use strict';

const kebab = (type) => type.replace(/^aws_/, '').replace(/_/g, '-');
const classes = new Map();

/** The provider class of a resource or data source type, e.g. aws_s3_bucket -> S3Bucket. */
function classFor(kind, type) {
  const key = `${kind}:${type}`;
  if (!classes.has(key)) {
    const mod = require(`@cdktf/provider-aws/lib/${kind === 'data' ? 'data-' : ''}${kebab(type)}`);
    const cls = Object.values(mod).find((v) => typeof v === 'function' && v.tfResourceType === type);
    if (!cls) throw new Error(`no construct for ${kind} ${type}`);
    classes.set(key, cls);
  }
  return classes.get(key);
}

module.exports = { classFor };
