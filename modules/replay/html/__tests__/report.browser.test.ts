/**
 * The HTML report as a person sees it: `trailwatch replay ... --html <file>` run as installed
 * (bin/trailwatch.js, which `npm test` builds first), the page opened from disk in headless Chromium
 * (Debian's package, see __tests__/support/chromium.ts) with the network off. One browser start for
 * the whole file. Checked: a drawn chart per alarm, the ALARM bands where the alarm was in ALARM, no
 * console error, no CSP violation, no request; and with hostile records, no payload runs and each
 * shows as text. Under CI=true a missing Chromium fails instead of skipping.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, chromiumAvailable, chromiumMissing, launchChromium } from '../../../../__tests__/support/chromium';
import { PAYLOADS, writeHostileLogs } from './hostile';

// The functions given to page.evaluate run in the page; its globals, for the type-check (tsconfig has no DOM library).
declare const window: Record<string, unknown>;
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare function getComputedStyle(element: unknown): { display: string };
interface Canvas2D {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

const ROOT = path.resolve(__dirname, '../../../..');
const available = chromiumAvailable();

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

/** Runs the CLI with --html and returns the page's file. */
function replayHtml(logs: string, out: string): string {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', logs, '--html', out], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toMatch(new RegExp(`trailwatch replay: wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)`));
  expect(r.status).toBe(0);
  return out;
}

if (!available && process.env.CI === 'true') {
  it('has headless Chromium to render the report', () => {
    throw new Error(chromiumMissing());
  });
}

(available ? describe : describe.skip)('the HTML report in headless Chromium', () => {
  let tmp: string;
  let browser: Browser;
  let started: number;

  beforeAll(async () => {
    started = Date.now();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-html-browser-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.stdout.write(`report.browser.test: browser start, two reports rendered and checked in ${Date.now() - started} ms\n`);
  });

  /** Opens a file, recording console errors and warnings, page errors, CSP violations and requests. */
  async function open(file: string): Promise<Opened> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== `file://${file}`) problems.push(`request: ${r.url()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 10_000 });
    return { page, problems };
  }

  /** Per section of an alarm: its id and how many uPlot charts with a drawn canvas it holds. */
  const chartsPerSection = (page: Page) =>
    page.$$eval('section.alarm', (sections) =>
      sections.map((s) => ({
        id: s.id,
        charts: s.querySelectorAll('.uplot').length,
        canvases: [...s.querySelectorAll('.uplot canvas')].filter((c) => (c as unknown as { width: number }).width > 100 && (c as unknown as { height: number }).height > 100).length,
      })),
    );

  /**
   * For every chart, the colour at the top of the plot area in the middle of each stretch the alarm
   * spent in ALARM or OK (stretches wider than 4 pixels): red-tinted where the band says ALARM.
   */
  const bandColours = (page: Page) =>
    page.evaluate(() => {
      type U = {
        ctx: Canvas2D;
        bbox: { left: number; top: number; width: number; height: number };
        scales: { x: { min: number; max: number } };
        valToPos(v: number, scale: string, canvasPixels: boolean): number;
      };
      const charts = window.trailwatchCharts as U[];
      const data = JSON.parse(document.getElementById('trailwatch-data').textContent) as { charts: { states: [number, string][] }[] };
      const out: { chart: number; state: string; reddish: boolean }[] = [];
      data.charts.forEach((c, i) => {
        const u = charts[i];
        const edges = c.states.map(([t, s]) => [t / 1000, s] as const);
        edges.forEach(([t, state], k) => {
          if (state === 'INSUFFICIENT_DATA') return;
          const end = k + 1 < edges.length ? edges[k + 1][0] : u.scales.x.max;
          const x0 = u.valToPos(t, 'x', true);
          const x1 = u.valToPos(Math.min(end, u.scales.x.max), 'x', true);
          if (x1 - x0 < 4) return;
          const x = Math.round((x0 + x1) / 2);
          // Three heights near the top of the plot (above the data: the y range has headroom); a grid line may cross one.
          const votes = [0.02, 0.05, 0.08].map((f) => {
            const [r, g, b] = u.ctx.getImageData(x, Math.round(u.bbox.top + f * u.bbox.height), 1, 1).data;
            return r - Math.max(g, b) > 20;
          });
          out.push({ chart: i, state, reddish: votes.filter(Boolean).length >= 2 });
        });
      });
      return out;
    });

  it('draws a chart per detection, sign-in rule and the trail-health alarm of the sample logs, with ALARM bands only where the alarm was in ALARM, and no error', async () => {
    const file = replayHtml(path.join(ROOT, 'modules/replay/__tests__/fixtures/logs'), path.join(tmp, 'sample.html'));
    const { page, problems } = await open(file);
    const sections = await chartsPerSection(page);
    expect(sections).toHaveLength(17 + 4 + 1);
    expect(sections.filter((s) => s.charts !== 1 || s.canvases !== 1)).toEqual([]);
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(sections.length));
    // The cursor and legend (value formatters) run without error, and the legend shows UTC times.
    const over = page.locator('#d2 .uplot .u-over');
    const box = (await over.boundingBox())!;
    await over.hover({ position: { x: box.width * 0.1, y: box.height / 2 } });
    expect(await page.locator('#d2 .u-legend .u-series').first().innerText()).toMatch(/2026-10-01T08:\d\d:00Z/);
    expect(problems).toEqual([]);
    // (Reading pixels back makes Chromium warn about canvas readback: checked after the page's own messages.)
    const bands = await bandColours(page);
    // The sample's alarms: console-sign-in-failures, root-usage, ... (a dozen ALARM stretches) and many OK stretches.
    expect(bands.filter((b) => b.state === 'ALARM').length).toBeGreaterThanOrEqual(10);
    expect(bands.filter((b) => b.state === 'OK').length).toBeGreaterThanOrEqual(22);
    expect(bands.filter((b) => b.reddish !== (b.state === 'ALARM'))).toEqual([]);
    await page.close();
  });

  it('runs no payload of hostile records, shows each as text, and keeps the page whole', async () => {
    const file = replayHtml(writeHostileLogs(tmp), path.join(tmp, 'hostile.html'));
    const { page, problems } = await open(file);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      injected: document.querySelectorAll('img, svg, iframe, object, embed, form, base, link, meta[http-equiv="refresh"]').length,
      scripts: document.scripts.length,
      bodyShown: getComputedStyle(document.body).display !== 'none',
      text: document.body.innerText,
    }));
    expect(state).toMatchObject({ pwned: undefined, injected: 0, scripts: 3, bodyShown: true });
    expect(state.text).toContain(`arn:aws:iam::111122223333:user/${PAYLOADS.img}`);
    expect(state.text).toContain(PAYLOADS.comment);
    expect(state.text).toContain('admin\\u202egnp.exe');
    expect(state.text).toContain('line\\u2028separator\\u2029paragraph');
    expect(state.text).toContain(`bad ${'<img src=x onerror=window.__pwned=6>'}.json`);
    // Every alarm still has its chart: the JSON block was read whole.
    const sections = await chartsPerSection(page);
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.filter((s) => s.charts !== 1 || s.canvases !== 1)).toEqual([]);
    // Opening a record shows the hostile request parameters as text.
    await page.locator('section.alarm details.record summary').first().click();
    expect(await page.locator('section.alarm details.record pre').first().innerText()).toContain('"userAgent"');
    expect(problems).toEqual([]);
    await page.close();
  });
});
