import * as fs from 'node:fs';
import { loadExamples } from '../../../__tests__/examples';
import { loadEnvironmentsOrThrow } from '../../../load';
import { CATALOG_FILE, alarmWindow, renderCatalog } from '../catalog-doc';
import { BUILT_IN_IDS } from '../../../../modules/detections/catalogue';
import * as path from 'node:path';

describe('docs/detections.md', () => {
  const text = renderCatalog(loadExamples());

  it('is up to date (run `npm run catalog` after changing the catalogue or config/*.yaml detections)', () => {
    expect(fs.readFileSync(CATALOG_FILE, 'utf8')).toBe(text);
  });

  it('lists every built-in in the table and every example environment', () => {
    for (const id of BUILT_IN_IDS) expect(text).toContain(`| \`${id}\` |`);
    for (const name of ['acme-prod', 'acme-sandbox', 'globex-prod']) expect(text).toContain(`### ${name} (config/${name}.yaml)`);
  });

  it('names the Security Hub controls that report FAILED in tuned mode', () => {
    expect(text).toContain('- Always: CloudWatch.6 (`console-sign-in-failures`), CloudWatch.2 (`unauthorized-api-calls`)');
  });

  it('describes alarm windows', () => {
    expect(alarmWindow({ threshold: 3, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 })).toBe('≥ 3 in 5 min');
    expect(alarmWindow({ threshold: 1, periodSeconds: 30, evaluationPeriods: 4, datapointsToAlarm: 2 })).toBe('≥ 1 in 2 of 4 × 30 s');
  });

  it('shows, for both mode, each tuned detection next to its Security Hub-exact copy', () => {
    expect(text).toContain('| `unauthorized-api-calls` (tuned, own severity low) | `unauthorized-api-calls-security-hub` (exact, `securityHubSeverity`) | CloudWatch.2 |');
    const both = renderCatalog(loadEnvironmentsOrThrow(path.join(__dirname, '../../../../modules/detections/__tests__/fixtures/both-mode.yaml')));
    expect(both).toContain('Mode `both`');
    expect(both).toMatch(/\| `unauthorized-api-calls` \| low \| ≥ 5 in 5 min \| pattern with exclusions, tuned pattern \(pages\) \|/);
    expect(both).toContain('| `unauthorized-api-calls-security-hub` | info | ≥ 5 in 5 min | Security Hub-exact copy of `unauthorized-api-calls` (CloudWatch.2), severity info |');
  });

  it("lists an example's exclusions with their reasons and compiled conditions", () => {
    expect(text).toContain(
      "- `unauthorized-api-calls`: Globex's vulnerability scanner role probes for access on purpose — `($.userIdentity.sessionContext.sessionIssuer.userName NOT EXISTS) || ($.userIdentity.sessionContext.sessionIssuer.userName != \"GlobexScanner\")`",
    );
  });
});
