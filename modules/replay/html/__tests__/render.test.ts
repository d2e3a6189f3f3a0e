/**
 * The HTML report as text (the browser test renders it): escaping in every context, a CSP whose
 * hashes match the inline scripts and styles exactly, nothing fetched, and what the page shows of each
 * alarm. Hostile records come from hostile.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { builtInDetections } from '../../../detections/catalogue';
import { compileMatcher, parsePattern } from '../../../patterns';
import { type ReplayReport, runReplay } from '../../replay';
import { writeSampleLogs } from '../../__tests__/sample-logs';
import { assertInlineSafe, cspHash, escapeHtml, escapeUntrusted, jsonForScript } from '../escape';
import type { AlarmState } from '../../../alarm-model';
import { bandStates, renderHtml } from '../render';
import { PAYLOADS, writeHostileLogs } from './hostile';

let dir: string;
const replay = (paths: string[], charts = true): Promise<ReplayReport> => {
  const detections = builtInDetections('securityHub');
  return runReplay(paths, { detections, compile: (p) => compileMatcher(parsePattern(p)), charts });
};
let sample: string;
let hostile: string;
let hostileReport: ReplayReport;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-html-'));
  writeSampleLogs(dir);
  sample = renderHtml(await replay([path.join(dir, 'logs')]), { source: 'the sample logs', generatedAt: new Date('2026-10-02T00:00:00Z') });
  hostileReport = await replay([writeHostileLogs(dir)]);
  hostile = renderHtml(hostileReport, { source: `config ${PAYLOADS.img}` });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text of every `<tag ...>...</tag>` element. */
const elements = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => ({ attrs: m[1], text: m[2] }));

describe('escaping', () => {
  it('escapes HTML text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('shows invisible and direction-changing characters of untrusted text as escapes', () => {
    expect(escapeUntrusted(PAYLOADS.bidi)).toBe('admin<span class="ctl">\\u202e</span>gnp.exe');
    expect(escapeUntrusted(PAYLOADS.separators)).toBe('line<span class="ctl">\\u2028</span>separator<span class="ctl">\\u2029</span>paragraph');
    expect(escapeUntrusted(`${PAYLOADS.zeroWidth}\u0000<`)).toBe('ali<span class="ctl">\\u200b</span>ce<span class="ctl">\\u0000</span>&lt;');
    // new lines and tabs stay (indented JSON records)
    expect(escapeUntrusted('a\n\tb')).toBe('a\n\tb');
  });

  it('embeds any JSON value so that the HTML parser cannot leave the script element and JSON.parse gives it back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...Object.values(PAYLOADS)), (value, payload) => {
        for (const v of [value, { value, payload }]) {
          const text = jsonForScript(v);
          expect(text).not.toMatch(/[<>&\u2028\u2029]/);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('hashes inline code as CSP source expressions', () => {
    // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    expect(cspHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  });

  it('refuses to inline code that would end its element early', () => {
    expect(() => assertInlineSafe('lib', 'var a = "</script>";')).toThrow(/lib cannot be inlined .*<\/script/);
    expect(() => assertInlineSafe('css', 'a{} </STYLE>')).toThrow(/css cannot be inlined/);
    expect(() => assertInlineSafe('lib', '/* <!-- */')).toThrow(/<!--/);
    expect(assertInlineSafe('ok', 'a < b')).toBe('a < b');
  });
});

describe('bandStates', () => {
  const series = (buckets: number, bucketMs: number) => ({ start: 0, bucketMs, values: new Array<number | null>(buckets).fill(0) });
  const transitions = (times: number[]) => {
    const states: AlarmState[] = ['OK', 'ALARM'];
    return times.map((time, i) => ({ time, from: i ? states[(i - 1) % 2] : ('INSUFFICIENT_DATA' as AlarmState), to: states[i % 2] }));
  };
  const summary = (times: number[]) => ({ alarms: 0, rangeDependent: 0, maxDatapoint: 0, transitions: transitions(times) });

  it('keeps every transition of an alarm that changed state up to 2,000 times', () => {
    expect(bandStates(summary([60_000, 120_000, 600_000]), series(10, 60_000))).toEqual([
      [60_000, 'OK'],
      [120_000, 'ALARM'],
      [600_000, 'OK'],
    ]);
  });

  it('draws a busier alarm per bucket: ALARM wherever it was in ALARM at any time of the bucket, else its state at the end', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 2001, maxLength: 2600 }), fc.integer({ min: 50, max: 400 }), (raw, buckets) => {
        const times = [...raw].sort((a, b) => a - b);
        const bucketMs = Math.ceil(2_000_001 / buckets);
        const bands = bandStates(summary(times), series(buckets, bucketMs));
        expect(bands.length).toBeLessThanOrEqual(buckets);
        // The state the page draws at any time t: the last band at or before t.
        const drawn = (t: number) => bands.filter(([b]) => b <= t).pop()?.[1] ?? 'INSUFFICIENT_DATA';
        const tr = transitions(times);
        const at = (t: number) => tr.filter((x) => x.time <= t).pop()?.to ?? 'INSUFFICIENT_DATA';
        for (let k = 0; k < buckets; k++) {
          const start = k * bucketMs;
          const inAlarm = at(start) === 'ALARM' || tr.some((x) => x.time >= start && x.time < start + bucketMs && x.to === 'ALARM');
          expect(drawn(start)).toBe(inAlarm ? 'ALARM' : at(start + bucketMs - 1));
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: no URL to load, a CSP that allows exactly its own inline scripts and styles', () => {
    for (const html of [sample, hostile]) {
      // The page's own tags (every `<` of the data is escaped): none loads anything; links are in-page anchors.
      const markup = html.replace(/<(script|style)([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2>');
      const tags = markup.match(/<[a-z][^>]*>/gi)!;
      expect(tags.filter((t) => /\s(src|href|action|data|srcset|poster)=/i.test(t) && !/^<a href="#[a-z0-9-]+">$/.test(t))).toEqual([]);
      expect(elements(html, 'style').filter((s) => /@import|url\(/i.test(s.text))).toEqual([]);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'");
      const scripts = elements(html, 'script').filter((s) => !s.attrs.includes('application/json'));
      const styles = elements(html, 'style');
      expect(scripts).toHaveLength(2);
      expect(styles).toHaveLength(2);
      expect(csp).toBe(
        [
          "default-src 'none'",
          `script-src ${scripts.map((s) => cspHash(s.text)).join(' ')}`,
          `style-src ${styles.map((s) => cspHash(s.text)).join(' ')}`,
          "img-src 'none'",
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; '),
      );
    }
  });

  it('writes no hostile text as markup: every payload appears only escaped', () => {
    // Only the page's own elements: three scripts (the JSON block, uPlot, the page's), two styles, no image.
    expect(hostile.match(/<script/g)).toHaveLength(3);
    expect(hostile.match(/<style/g)).toHaveLength(2);
    expect(hostile).not.toMatch(/<img|<svg|<iframe/i);
    expect(hostile).not.toContain(PAYLOADS.attribute);
    expect(hostile).not.toContain('window.__pwned=1">');
    expect(hostile).not.toMatch(/[\u2028\u2029\u202e\u200b]/);
    const data = /<script type="application\/json" id="trailwatch-data">([\s\S]*?)<\/script>/.exec(hostile)![1];
    expect(JSON.parse(data).charts).toHaveLength(hostileReport.detections.length + hostileReport.contributorRules.length + 1);
    // The payloads are shown, as text: the user name in the samples and the records.
    expect(hostile).toContain(escapeUntrusted(`arn:aws:iam::111122223333:user/${PAYLOADS.img}`));
    expect(hostile).toContain(escapeHtml(PAYLOADS.scriptClose));
    expect(hostile).toContain('admin<span class="ctl">\\u202e</span>gnp.exe');
    expect(hostile).toContain('&amp;lt;b&amp;gt;not bold');
  });

  it('shows each detection with a chart, its state changes, top principals and source addresses, and its samples with records', () => {
    const sections = elements(sample, 'section').filter((s) => s.attrs.includes('class="alarm'));
    expect(sections).toHaveLength(17 + 4 + 1);
    for (const s of sections) expect(s.text.match(/<figure class="chart" data-chart="\d+"/g)).toHaveLength(1);
    const failures = sections.find((s) => s.attrs.includes('id="d2"'))!.text;
    expect(failures).toContain('console-sign-in-failures: Repeated failed console sign-ins');
    expect(failures).toMatch(/2026-10-01T08:12:00Z<\/td><td><span class="state s-OK">OK<\/span><\/td><td><span class="state s-ALARM">ALARM<\/span><\/td><td class="num">4</);
    expect(failures).toMatch(/<h4>Top principals<\/h4>[\s\S]*arn:aws:iam::111122223333:user\/alice<\/span><\/td><td class="num">5</);
    expect(failures).toMatch(/<h4>Top source addresses<\/h4>[\s\S]*203\.0\.113\.50<\/span><\/td><td class="num">5</);
    expect(failures).toMatch(/<details class="record"><summary>record<\/summary><pre>\{\n {2}&quot;eventVersion&quot;/);
    // a transition raised by an older datapoint of the range is flagged
    const denied = sections.find((s) => s.text.includes('unauthorized-api-calls:'))!.text;
    expect(denied).toContain('older datapoint in the range breached');
    expect(sample).toContain('<footer><p>Made by trailwatch replay at 2026-10-02T00:00:00Z.');
  });

  it('says so instead of drawing when the report has no chart series (a replay without charts, an input without times)', async () => {
    const html = renderHtml(await replay([path.join(dir, 'logs')], false), { source: 'x' });
    expect(html).not.toContain('<figure');
    expect(html.match(/No chart: no event of the input had a usable time/g)).toHaveLength(22);
  });

  it('lists files with problems, their names escaped', () => {
    expect(hostile).toContain('<section id="problems">');
    expect(hostile).toContain('bad &lt;img src=x onerror=window.__pwned=6&gt;.json');
  });
});
