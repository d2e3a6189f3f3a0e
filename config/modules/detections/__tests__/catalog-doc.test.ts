import * as fs from 'node:fs';
import { loadEnvironmentsOrThrow } from '../../../load';
import { CATALOG_FILE, alarmWindow, renderCatalog } from '../catalog-doc';
import { BUILT_IN_IDS } from '../../../../modules/detections/catalogue';

describe('docs/detections.md', () => {
  const text = renderCatalog(loadEnvironmentsOrThrow('config'));

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
});
