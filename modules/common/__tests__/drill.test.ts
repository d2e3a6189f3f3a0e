import { DRILL_PREFIX, drillLogStream, drillRunId, drillUserAgent, isDrillRunId } from '../drill';

describe('drill marks', () => {
  it('names the log stream and user agent of a run alike', () => {
    expect(drillLogStream('20261207-ab12')).toBe(`${DRILL_PREFIX}20261207-ab12`);
    expect(drillUserAgent('20261207-ab12')).toBe(drillLogStream('20261207-ab12'));
  });

  it('refuses run ids that are not short and printable', () => {
    for (const bad of ['', 'a b', 'a/b', 'x'.repeat(41), 'id\n', '<!channel>']) {
      expect(isDrillRunId(bad)).toBe(false);
      expect(() => drillLogStream(bad)).toThrow(/drill run id/);
    }
  });

  it('is a drill only when the log stream and the user agent name the same run', () => {
    const stream = drillLogStream('run-1');
    expect(drillRunId(stream, stream)).toBe('run-1');
    // A user agent is attacker-controlled: on CloudTrail's own stream it never marks a drill.
    expect(drillRunId('111122223333_CloudTrail_us-east-1', stream)).toBeUndefined();
    expect(drillRunId(stream, 'aws-cli/2.15')).toBeUndefined();
    expect(drillRunId(stream, drillUserAgent('run-2'))).toBeUndefined();
    expect(drillRunId(undefined, stream)).toBeUndefined();
    expect(drillRunId(`${DRILL_PREFIX}a b`, `${DRILL_PREFIX}a b`)).toBeUndefined();
  });
});
