/**
 * Issue 7: when the trail is stopped, deleted or changed, that page must be as loud as the trail-health
 * alarm itself. The cloudtrail-changes detection defaults to the highest severity in both modes.
 */
import { builtInDetections } from '../../detections/catalogue';
import { HIGHEST_SEVERITY } from '../../common/severity';
import { TRAIL_HEALTH_DEFAULTS } from '../window';

describe('trail changes and trail health page at the same, highest severity', () => {
  it.each(['securityHub', 'tuned'] as const)('%s mode: cloudtrail-changes is critical (HIGHEST_SEVERITY) by default', (mode) => {
    const detection = builtInDetections(mode).find((d) => d.id === 'cloudtrail-changes');
    expect(detection?.severity).toBe(HIGHEST_SEVERITY);
    expect(TRAIL_HEALTH_DEFAULTS.severity).toBe(HIGHEST_SEVERITY);
  });
});
