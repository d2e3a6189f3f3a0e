/**
 * What the HTML report inlines: uPlot (the charting library, a dependency of the package: its
 * minified script, stylesheet, version and licence, read from its installed folder) and the page's own
 * script and stylesheet (page.js, page.css beside this file; the build copies them into dist/).
 * Read once, when the first report is rendered: nothing here loads unless --html is given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertInlineSafe } from './escape';

export interface ReportAssets {
  readonly uplotScript: string;
  readonly uplotStyle: string;
  readonly uplotVersion: string;
  readonly uplotLicence: string;
  readonly pageScript: string;
  readonly pageStyle: string;
}

let cached: ReportAssets | undefined;

export function reportAssets(): ReportAssets {
  if (cached) return cached;
  const uplot = path.dirname(require.resolve('uplot/package.json'));
  const read = (file: string) => fs.readFileSync(file, 'utf8');
  cached = {
    uplotScript: assertInlineSafe('uPlot', read(path.join(uplot, 'dist/uPlot.iife.min.js')).trim()),
    uplotStyle: assertInlineSafe('uPlot CSS', read(path.join(uplot, 'dist/uPlot.min.css')).trim()),
    uplotVersion: (JSON.parse(read(path.join(uplot, 'package.json'))) as { version: string }).version,
    uplotLicence: read(path.join(uplot, 'LICENSE')).trim(),
    pageScript: assertInlineSafe('page.js', read(path.join(__dirname, 'page.js')).trim()),
    pageStyle: assertInlineSafe('page.css', read(path.join(__dirname, 'page.css')).trim()),
  };
  return cached;
}
