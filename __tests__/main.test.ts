/** `npm run synth` end to end: what a user sees for good and bad config, and what lands on disk. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDir, validYaml } from '../config/__tests__/helpers';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function synth(configPath: string, outdir: string) {
  return spawnSync(TSX, [path.join(ROOT, 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, TRAILWATCH_CONFIG: configPath, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
}

function tmpOut(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-out-')), 'cdktf.out');
}

describe('synth (main.ts)', () => {
  it('synthesizes one stack folder per environment', () => {
    const outdir = tmpOut();
    const result = synth(configDir({ 'a.yaml': validYaml('env-a'), 'b.yaml': validYaml('env-b', '210987654321') }), outdir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['trailwatch-env-a', 'trailwatch-env-b']);
    expect(result.stdout).toMatch(/synthesized 2 environments/);
    // The stack list for "Could not find stack" is for the cdktf CLI (__tests__/cdktf-cli.test.ts); here the names are said once.
    expect(result.stdout).not.toContain('trailwatch: stacks of');
  });

  it('fails with every problem on stderr, a non-zero exit, and writes nothing', () => {
    const outdir = tmpOut();
    const bad = configDir({
      'acme-prod.yaml': validYaml().replace(/managementAccountId: .*/, 'managementAccountId: "12345"'),
      'other.yaml': validYaml('other-env').replace(/homeRegion: .*/, 'homeRegion: mars-1'),
    });
    const result = synth(bad, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/3 config problems, nothing was synthesized/);
    expect(result.stderr).toContain('acme-prod.yaml: managementAccountId: "12345" must be a 12-digit AWS account ID (line 3)');
    expect(result.stderr).toMatch(/other\.yaml: homeRegion: "mars-1" must be an AWS region/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  it('leaves a previous good output untouched when the config turns bad', () => {
    const outdir = tmpOut();
    expect(synth(configDir({ 'a.yaml': validYaml('env-a') }), outdir).status).toBe(0);
    const before = fs.readFileSync(path.join(outdir, 'stacks/trailwatch-env-a/cdk.tf.json'), 'utf8');
    const result = synth(configDir({ 'a.yaml': 'name: [' }), outdir);
    expect(result.status).toBe(1);
    expect(fs.readFileSync(path.join(outdir, 'stacks/trailwatch-env-a/cdk.tf.json'), 'utf8')).toBe(before);
  });

  it('after an environment is removed: drops its stack folder, keeps the other stack\'s .terraform and lock file', () => {
    const outdir = tmpOut();
    expect(synth(configDir({ 'a.yaml': validYaml('env-a'), 'b.yaml': validYaml('env-b', '210987654321') }), outdir).status).toBe(0);
    const stackA = path.join(outdir, 'stacks/trailwatch-env-a');
    fs.mkdirSync(path.join(stackA, '.terraform'));
    fs.writeFileSync(path.join(stackA, '.terraform.lock.hcl'), 'lock');
    const result = synth(configDir({ 'a.yaml': validYaml('env-a') }), outdir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('removed the stack folders of environments no longer in');
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['trailwatch-env-a']);
    expect(fs.existsSync(path.join(stackA, '.terraform'))).toBe(true);
    expect(fs.readFileSync(path.join(stackA, '.terraform.lock.hcl'), 'utf8')).toBe('lock');
  });
});
