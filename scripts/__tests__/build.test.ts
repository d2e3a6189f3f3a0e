/**
 * scripts/build.cjs and bin/trailwatch.js: `npm run synth`, the cdktf app and the `trailwatch` command
 * run the compiled dist/, rebuilding (synth) or falling back to the sources (command) when a source is
 * newer than the last build, and an installed package (no sources) always runs dist/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isStale, STAMP } = require('../build.cjs') as { isStale: (root: string) => boolean; STAMP: string };

function write(root: string, file: string, text: string, mtime?: Date): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
  if (mtime) fs.utimesSync(path.join(root, file), mtime, mtime);
}

const past = new Date(Date.now() - 60_000);
const earlier = new Date(Date.now() - 120_000);

function checkout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-build-'));
  write(root, 'tsconfig.build.json', '{}', earlier);
  write(root, 'modules/x/x.ts', 'export const x = 1;\n', earlier);
  write(root, STAMP, 'built\n', past);
  return root;
}

describe('isStale', () => {
  it('is false when the last build is newer than every source', () => {
    expect(isStale(checkout())).toBe(false);
  });

  it('is true when a source was saved after the last build', () => {
    const root = checkout();
    write(root, 'config/load.ts', 'export {};\n');
    expect(isStale(root)).toBe(true);
  });

  it('is true when the build config changed, or when there was no build', () => {
    const changedConfig = checkout();
    write(changedConfig, 'tsconfig.build.json', '{ "compilerOptions": {} }');
    expect(isStale(changedConfig)).toBe(true);
    const neverBuilt = checkout();
    fs.rmSync(path.join(neverBuilt, STAMP));
    expect(isStale(neverBuilt)).toBe(true);
  });

  it('ignores tests: editing one does not rebuild', () => {
    const root = checkout();
    write(root, 'modules/x/__tests__/x.test.ts', 'test.todo("x");\n');
    expect(isStale(root)).toBe(false);
  });

  it('is false in an installed package, which has no sources to build from', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-installed-'));
    write(root, 'dist/cli/index.js', '');
    expect(isStale(root)).toBe(false);
  });
});

describe('bin/trailwatch.js', () => {
  const fakeCli = (says: string) => `exports.buildProgram = () => ({ parseAsync: async (argv) => { process.stdout.write(${JSON.stringify(says)} + ' ' + argv.slice(2).join(' ')); } });\n`;

  function layout(withSources: boolean): string {
    const root = withSources ? checkout() : fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-installed-'));
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin/trailwatch.js'), path.join(root, 'bin/trailwatch.js'));
    write(root, 'dist/cli/index.js', fakeCli('compiled'));
    if (withSources) {
      fs.mkdirSync(path.join(root, 'scripts'));
      fs.copyFileSync(path.join(ROOT, 'scripts/build.cjs'), path.join(root, 'scripts/build.cjs'));
      write(root, 'cli/index.ts', fakeCli('source'), earlier);
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    }
    return root;
  }
  const run = (root: string) => spawnSync(process.execPath, [path.join(root, 'bin/trailwatch.js'), 'replay', 'logs'], { encoding: 'utf8' });

  it('runs the compiled CLI of an installed package', () => {
    const r = run(layout(false));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('compiled replay logs');
  });

  it('runs the compiled CLI of a checkout whose build is current', () => {
    expect(run(layout(true)).stdout).toBe('compiled replay logs');
  });

  it('runs the TypeScript sources of a checkout with a source newer than its build', () => {
    const root = layout(true);
    write(root, 'cli/index.ts', fakeCli('source'));
    expect(run(root).stdout).toBe('source replay logs');
  });
});
