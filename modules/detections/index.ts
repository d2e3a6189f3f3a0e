/**
 * `trailwatch/detections`: the detection catalogue (data) and the construct that turns detections into
 * metric filters and alarms on a log group. Custom detections are plain `Detection` objects.
 */
export {
  DetectionAlarms,
  DEFAULT_DETECTION_NAMESPACE,
  DETECTION_TAG,
  detectionAlarmDescription,
  type DetectionAlarmsProps,
  type DetectionResources,
} from './detection-alarms';
export type { Detection, DetectionReferences, TreatMissingData } from './detection';
export {
  BUILT_IN_IDS,
  builtInDetections,
  CATALOGUE,
  catalogueEntry,
  COMPLIANCE_MODES,
  detectionFor,
  PACKS,
  type CatalogueEntry,
  type ComplianceMode,
  type Pack,
} from './catalogue';
export { detectionListProblems, detectionProblems, patternProblems } from './validate';
export { automationExclusion, withExclusions } from './exclusions';
export { SEVERITIES, type Severity } from '../common/severity';
export type { AlarmActions, AlarmRouting } from '../common/alarm-routing';
export type { AlarmContext } from '../common/alarm-description';
export { ValidationError, type Problem } from '../common/errors';
