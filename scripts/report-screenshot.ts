/**
 * `npm run report-screenshot`: the screenshots of the HTML report in the docs (docs/images/), made
 * from the example: `trailwatch replay` of the sample logs (modules/replay/__tests__/fixtures/logs)
 * with --html, run as installed (bin/trailwatch.js, built first when stale), shown in headless
 * Chromium (Debian's package, see __tests__/support/chromium.ts).
 *   replay-report.png            the top of the page: what was replayed, the table of detections
 *   replay-report-detection.png  one detection: its chart with the ALARM band, state changes, top principals and addresses, samples
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromiumAvailable, chromiumMissing, launchChromium } from '../__tests__/support/chromium';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs/images');

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(chromiumMissing());
  const build = spawnSync(process.execPath, ['scripts/build.cjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-report-screenshot-'));
  const page = path.join(work, 'report.html');
  const replay = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', 'modules/replay/__tests__/fixtures/logs', '--samples', '3', '--html', page], { cwd: ROOT, encoding: 'utf8' });
  if (replay.status !== 0) throw new Error(`trailwatch replay failed:\n${replay.stderr}`);
  const browser = await launchChromium({ width: 1100, height: 900 });
  try {
    const tab = await browser.context.newPage();
    await tab.goto(`file://${page}`);
    await tab.waitForSelector('body[data-charts-drawn]');
    fs.mkdirSync(OUT, { recursive: true });
    // The header and the detections table, down to the sign-in rules' heading.
    const rules = await tab.locator('h2', { hasText: 'Sign-in rules' }).boundingBox();
    await tab.screenshot({ path: path.join(OUT, 'replay-report.png'), clip: { x: 0, y: 0, width: 1100, height: Math.ceil(rules?.y ?? 900) - 8 } });
    const section = tab.locator('section.alarm', { hasText: 'console-sign-in-failures:' });
    await section.screenshot({ path: path.join(OUT, 'replay-report-detection.png') });
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const f of ['replay-report.png', 'replay-report-detection.png']) {
    process.stdout.write(`wrote docs/images/${f} (${Math.round(fs.statSync(path.join(OUT, f)).size / 1024)} KB)\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`report-screenshot: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
