/**
 * `trailwatch --help` starts fast because registering the commands loads only commander and the
 * commands' definitions (cli/commands/): each command's implementation and the libraries it needs
 * load when it runs. Checked on the module graph of the installed bin's path (bin/trailwatch.js runs
 * dist/cli, which `npm test` builds first), not on a timing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function modulesLoadedBy(args: string[]): { status: number | null; loaded: string[] } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-cli-startup-'));
  const report = path.join(work, 'loaded.json');
  const hook = path.join(work, 'report-loaded.cjs');
  fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));`);
  const run = spawnSync(process.execPath, ['-r', hook, path.join(ROOT, 'bin', 'trailwatch.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, loaded: (JSON.parse(fs.readFileSync(report, 'utf8')) as string[]).filter((f) => f !== hook) };
}

const packageOf = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
const ours = (loaded: string[]) => loaded.filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`)).map((f) => path.relative(ROOT, f)).sort();

describe('trailwatch start-up', () => {
  it('--help loads commander and the command definitions only: no zod, yaml, detections, replay or review', () => {
    const { status, loaded } = modulesLoadedBy(['--help']);
    expect(status).toBe(0);
    expect([...new Set(loaded.map(packageOf).filter(Boolean))]).toEqual(['commander']);
    expect(ours(loaded)).toEqual([
      'bin/trailwatch.js',
      'dist/cli/commands/catalog.js',
      'dist/cli/commands/docs.js',
      'dist/cli/commands/init.js',
      'dist/cli/commands/replay.js',
      'dist/cli/commands/review.js',
      'dist/cli/index.js',
      'dist/cli/init-questions.js',
      'dist/modules/alert-topics/rules.js',
      'dist/modules/common/aws-values.js',
      'dist/modules/detections/catalogue/entry.js',
      'scripts/build.cjs',
    ]);
  });

  it('a replay of the built-in detections loads neither the config files\' loader and schema (zod, yaml) nor the review', () => {
    const { status, loaded } = modulesLoadedBy(['replay', path.join(ROOT, 'modules/replay/__tests__/fixtures/logs'), '--samples', '0']);
    expect(status).toBe(0);
    expect(loaded.map(packageOf).filter((p) => p === 'zod' || p === 'yaml')).toEqual([]);
    expect(ours(loaded).filter((f) => ['dist/config/load.js', 'dist/config/environment-schema.js'].includes(f) || f.startsWith('dist/modules/review/'))).toEqual([]);
    expect(ours(loaded)).toContain('dist/cli/replay.js');
    expect(ours(loaded).filter((f) => f.startsWith('dist/modules/replay/html/'))).toEqual([]);
  });

  it('replay --html loads the HTML renderer, and reads the charting library as text without running it', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-cli-startup-')), 'report.html');
    const { status, loaded } = modulesLoadedBy(['replay', path.join(ROOT, 'modules/replay/__tests__/fixtures/logs'), '--samples', '0', '--html', out]);
    expect(status).toBe(0);
    expect(ours(loaded).filter((f) => f.startsWith('dist/modules/replay/html/'))).toEqual(['dist/modules/replay/html/assets.js', 'dist/modules/replay/html/escape.js', 'dist/modules/replay/html/render.js']);
    expect(loaded.map(packageOf).filter((p) => p === 'uplot')).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
