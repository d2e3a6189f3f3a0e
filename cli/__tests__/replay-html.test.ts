/**
 * `trailwatch replay --html <file>` from the command line (the installed bin): the page is written
 * beside the usual report, and a file that cannot be written fails the run before any log is read.
 * The page itself is checked in headless Chromium (modules/replay/html/__tests__/report.browser.test.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const LOGS = 'modules/replay/__tests__/fixtures/logs';

function trailwatch(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-html-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('trailwatch replay --html', () => {
  it('writes the page and still prints the table (or the JSON, unchanged) on standard output', () => {
    const file = path.join(tmp, 'report.html');
    const table = trailwatch(LOGS, '--html', file);
    expect(table.status).toBe(0);
    expect(table.stdout).toBe(trailwatch(LOGS).stdout);
    expect(table.stderr).toBe(`trailwatch replay: wrote ${file} (${Math.round(fs.statSync(file).size / 1024)} KB)\n`);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(17 + 4 + 1);
    expect(html).toContain('<title>trailwatch replay: all built-in detections with catalogue defaults');
    const json = trailwatch(LOGS, '--json', '--html', path.join(tmp, 'again.html'));
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(trailwatch(LOGS, '--json').stdout));
  });

  it('fails before reading any log when the file cannot be written, naming the fix', () => {
    const missing = trailwatch(LOGS, '--html', path.join(tmp, 'no-such-folder', 'r.html'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`trailwatch: --html ${path.join(tmp, 'no-such-folder', 'r.html')}: the folder ${path.join(tmp, 'no-such-folder')} does not exist\n`);
    const folder = trailwatch(LOGS, '--html', tmp);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toBe(`trailwatch: --html ${tmp}: is a folder; give a file name, e.g. ${path.join(tmp, 'replay.html')}\n`);
  });

  it('is listed in the command\'s help', () => {
    const help = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('--html <file> also write the report as one self-contained HTML page');
  });
});
