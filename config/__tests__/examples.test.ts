/**
 * A user's own environment file in config/ must not change what the example tests check: they load
 * the examples by name (config/__tests__/examples.ts), never "every file under config/".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments } from '../load';
import { EXAMPLE_NAMES, exampleFiles, loadExamples } from './examples';
import { configDir, validYaml } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'cdktf.out' || e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(full);
    return full.includes(`${path.sep}__tests__${path.sep}`) && e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('example environments in the tests', () => {
  it('are the same list with one more environment file in the folder', () => {
    const dir = configDir(Object.fromEntries(exampleFiles().map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')])));
    fs.writeFileSync(path.join(dir, 'initech-prod.yaml'), validYaml('initech-prod', '888888888888'));
    expect(loadEnvironments(dir).environments.map((e) => e.env.name)).toContain('initech-prod');
    expect(loadExamples(dir).map((e) => e.env.name)).toEqual([...EXAMPLE_NAMES]);
  });

  it('are never read as "every file under config/" by a test', () => {
    const offenders = testFiles(ROOT).filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return /loadEnvironments(OrThrow)?\(\s*(['"`]config\/?['"`]|DEFAULT_CONFIG_PATH)?\s*\)|readdirSync\(\s*['"`]config\/?['"`]|configFiles\(\s*['"`]config/.test(text);
    });
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
