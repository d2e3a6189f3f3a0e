/**
 * The package as another organization uses it (issue 16): `npm pack`, install the tarball into a copy
 * of examples/consumer, type-check it under strict options (skipLibCheck off, so our declarations are
 * checked too), synthesize it with plain node, and `terraform validate` the result.
 *
 * Offline apart from the npm registry: the peer dependencies (cdktf, constructs, @cdktf/provider-aws)
 * and TypeScript are the ones this repository already installed, linked into the copy with `file:`
 * (as one copy each, which is what peer dependencies promise); trailwatch's own dependencies come from
 * the npm cache (`--prefer-offline`). Slow (a build, an install, a type-check of the provider's
 * declarations): `npm run test:consumer`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformAvailable, validateJson } from './support/terraform';

const ROOT = path.resolve(__dirname, '..');
const CONSUMER = path.join(ROOT, 'examples', 'consumer');
const LINKED = ['cdktf', 'constructs', '@cdktf/provider-aws', 'typescript', '@types/node'];

interface PackResult {
  filename: string;
  files: { path: string }[];
}

function npm(args: string[], cwd: string): string {
  const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
  try {
    return execFileSync(npmCli[0]!, [...npmCli.slice(1), ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${err.stderr ?? ''}\n${err.stdout ?? ''}`);
  }
}

function node(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('the packed package, installed by another organization', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-consumer-'));
  const app = path.join(work, 'consumer');
  let pack: PackResult;

  beforeAll(() => {
    // prepack builds dist/ first when a source is newer than it.
    pack = (JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as PackResult[])[0]!;
    fs.cpSync(CONSUMER, app, { recursive: true, filter: (src) => !/(^|\/)(node_modules|dist|cdktf\.out)$/.test(src) });
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    pkg.dependencies.trailwatch = `file:${path.join(work, pack.filename)}`;
    for (const name of LINKED) {
      const section = pkg.dependencies[name] !== undefined ? pkg.dependencies : pkg.devDependencies;
      section[name] = `file:${path.join(ROOT, 'node_modules', name)}`;
    }
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
    // The app imports two subpaths; this file makes the type-check cover the declarations of every entry.
    const entries = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).exports)
      .filter((e) => e !== './package.json')
      .map((e) => e.replace(/^\./, 'trailwatch'));
    fs.writeFileSync(path.join(app, 'every-entry.ts'), entries.map((e, i) => `export type * as entry${i} from '${e}';\n`).join(''));
    const tsconfig = JSON.parse(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8'));
    tsconfig.include.push('every-entry.ts');
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  }, 300_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('packs compiled JavaScript, declarations and the documents, and no tests, fixtures or TypeScript sources', () => {
    const files = pack.files.map((f) => f.path);
    for (const expected of ['dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/modules/detections/index.js', 'dist/cli/index.js', 'bin/trailwatch.js', 'README.md', 'LICENSE', 'CHANGELOG.md', 'config/schema.json', 'docs/detections.md', 'package.json']) {
      expect(files).toContain(expected);
    }
    expect(files.filter((f) => /__tests__|fixtures|\.test\.|(?<!\.d)\.ts$|\.ya?ml$|^examples\/|^bench\/|^scripts\//.test(f))).toEqual([]);
  });

  it('packs every document the README links to and the CLI points to (docs/*.md), without the screenshots', () => {
    const files = pack.files.map((f) => f.path);
    const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
    expect(docs).toEqual(expect.arrayContaining(['docs/configuration.md', 'docs/replay.md', 'docs/detections.md']));
    expect(files.filter((f) => f.startsWith('docs/')).sort()).toEqual(docs.sort());
  });

  it('installs with one copy of each peer dependency, the ones the app itself uses', () => {
    for (const peer of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
      expect(fs.existsSync(path.join(app, 'node_modules', 'trailwatch', 'node_modules', peer))).toBe(false);
    }
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/trailwatch/package.json'), 'utf8'));
    expect(installed.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('type-checks, with the declarations of every entry, under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess and skipLibCheck: false', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8')).compilerOptions;
    expect(tsconfig).toMatchObject({ strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false });
    const tsc = node([path.join(app, 'node_modules/typescript/bin/tsc'), '-p', app], app);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 300_000);

  it('synthesizes with plain node into Terraform that validates', () => {
    const outdir = path.join(work, 'cdktf.out');
    const synth = node([path.join(app, 'dist/main.js')], app, { CDKTF_OUTDIR: outdir });
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const json = fs.readFileSync(path.join(outdir, 'stacks/initech-security-alarms/cdk.tf.json'), 'utf8');
    const config = JSON.parse(json);
    const filters = Object.values<{ name: string; log_group_name: string; pattern: string }>(config.resource.aws_cloudwatch_log_metric_filter);
    expect(filters.every((f) => f.log_group_name === 'aws-controltower/CloudTrailLogs')).toBe(true);
    expect(filters.map((f) => f.name)).toContain('initech-security-guardduty-disabled');
    expect(Object.keys(config.resource.aws_sns_topic)).toHaveLength(2);
    if (terraformAvailable()) validateJson(json, 'consumer');
  }, 300_000);

  it('loads only the detections module, its pattern engine and cdktf when an app imports trailwatch/detections', () => {
    const script = [
      "require('trailwatch/detections');",
      'const loaded = Object.keys(require.cache).map((f) => f.split(require("path").sep).join("/"));',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const r = node(['-e', script], app);
    expect(r.stderr).toBe('');
    const loaded = JSON.parse(r.stdout) as string[];
    const ours = [...new Set(loaded.filter((f) => f.includes('/node_modules/trailwatch/')).map((f) => f.replace(/.*\/node_modules\/trailwatch\//, '').split('/').slice(0, 3).join('/')))];
    expect(ours.sort()).toEqual(['dist/modules/common', 'dist/modules/detections', 'dist/modules/patterns']);
    const packages = new Set(loaded.filter((f) => !f.includes('/node_modules/trailwatch/')).map((f) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]));
    for (const unwanted of ['yaml', 'zod', 'commander', 'tsx', 'typescript']) expect(packages.has(unwanted)).toBe(false);
  });

  it('exports every construct from the root entry', () => {
    const r = node(['-e', "const t = require('trailwatch'); process.stdout.write(Object.keys(t).sort().join(' '))"], app);
    expect(r.stderr).toBe('');
    for (const name of ['OrganizationTrail', 'AlertTopics', 'DetectionAlarms', 'SignInBruteForce', 'TrailHealth', 'CATALOGUE', 'parsePattern', 'compileMatcher', 'loadEnvironments', 'buildApp', 'EnvironmentStack']) {
      expect(r.stdout.split(' ')).toContain(name);
    }
  });

  it('runs the installed trailwatch command with node, without a TypeScript loader', () => {
    const bin = path.join(app, 'node_modules/.bin/trailwatch');
    const help = node([bin, '--help'], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/replay/);
    const replay = node([bin, 'replay', path.join(ROOT, 'modules/replay/__tests__/fixtures/logs'), '--samples', '2'], app);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toMatch(/^Replayed \d+ events from \d+ files/);
    // --html inlines the charting library (uplot, a dependency) and the page's script and styles (copied into dist/).
    const page = path.join(work, 'report.html');
    const html = node([bin, 'replay', path.join(ROOT, 'modules/replay/__tests__/fixtures/logs'), '--samples', '0', '--html', page], app);
    expect(html.stderr).toMatch(/^trailwatch replay: wrote .*report\.html \(\d+ KB\)\n$/);
    const text = fs.readFileSync(page, 'utf8');
    expect(text).toContain('https://github.com/leeoniya/uPlot');
    expect(text).toContain('data-charts-drawn');
    expect(text).toContain('figure.chart');
  });
});
