/**
 * `trailwatch/replay`: replays CloudTrail log files through detections, with the arithmetic of their
 * CloudWatch alarms, to show what would have fired. Pair it with `trailwatch/patterns` for matchers.
 */
export {
  listInputFiles,
  Replay,
  runReplay,
  type DetectionResult,
  type MatcherFactory,
  type ReplayOptions,
  type ReplayReport,
} from './replay';
export { formatTable, problemLine, toJson, type ReportHeader } from './report';
export { renderHtml, type HtmlReportOptions } from './html/render';
export type { AlarmSeries } from './alarm-series';
export type { DetectionDetail } from './replay';
export type { KeyCount, TopKeys } from './top-counter';
export { readLogFile, DEFAULT_MAX_BUFFERED_CHARS, type FileResult, type ReadOptions } from './read-file';
export { requiredEventNames } from './event-name-index';
export { CONTRIBUTOR_DEFAULTS, type ContributorReport, type ContributorSettings } from './contributors';
export { DEFAULT_CONTRIBUTOR_KEYS, type ContributorKeys, type EventSummary } from './event-summary';
export type { AlarmSummary } from './alarm-summary';
export type { ReplayEvent } from './formats';
