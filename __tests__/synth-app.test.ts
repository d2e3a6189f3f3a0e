/**
 * `npm run synth` runs the bundled synth app (dist/synth-app.js, scripts/build.cjs): it must write
 * exactly what the TypeScript entry (main.ts) writes, and load one file of ours instead of the
 * compiled modules and their libraries one by one (why it is bundled).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, 'config');

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

const tmpOut = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-synth-app-')), 'cdktf.out');

describe('npm run synth (the bundled synth app)', () => {
  it('writes byte for byte what main.ts writes for the example config', () => {
    const bundled = tmpOut();
    const npm = spawnSync('npm', ['run', '--silent', 'synth'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TRAILWATCH_CONFIG: CONFIG, CDKTF_OUTDIR: bundled } });
    // The only thing on stderr may be the note that it built dist/ first (a source was newer).
    expect([npm.status, npm.stderr.replace(/^trailwatch: sources are newer than dist\/, building .*\n/, '')]).toEqual([0, '']);
    expect(npm.stdout).toContain('synthesized 4 environments');

    const fromSources = tmpOut();
    const tsx = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'main.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TRAILWATCH_CONFIG: CONFIG, CDKTF_OUTDIR: fromSources },
    });
    expect(tsx.status).toBe(0);

    const ours = filesUnder(bundled);
    const theirs = filesUnder(fromSources);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect([...ours.keys()].filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
    for (const [file, bytes] of ours) expect([file, Buffer.compare(bytes, theirs.get(file)!)]).toEqual([file, 0]);
  });

  it('loads cdktf and the provider classes from node_modules and everything else from the one bundle', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-synth-app-modules-'));
    const report = path.join(work, 'loaded.json');
    const hook = path.join(work, 'report-loaded.cjs');
    fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));`);
    const run = spawnSync(process.execPath, ['-r', hook, path.join(ROOT, 'dist', 'synth-app.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TRAILWATCH_CONFIG: CONFIG, CDKTF_OUTDIR: tmpOut() },
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const loaded = JSON.parse(fs.readFileSync(report, 'utf8')) as string[];
    const ofOurs = loaded.filter((f) => f !== hook && !f.includes(`${path.sep}node_modules${path.sep}`));
    expect(ofOurs).toEqual([path.join(ROOT, 'dist', 'synth-app.js')]);
    const packages = new Set(loaded.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    expect([...packages].sort()).toEqual(['@cdktf/provider-aws', 'cdktf', 'constructs']);
  });
});
