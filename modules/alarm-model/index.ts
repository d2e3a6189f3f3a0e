/** CloudWatch alarm evaluation (see evaluate.ts) and the series trailwatch alarms watch (series.ts). */
export * from './evaluate';
export * from './series';
