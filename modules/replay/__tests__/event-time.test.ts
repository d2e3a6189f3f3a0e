import { isoToMs, msToIso } from '../event-time';

describe('isoToMs', () => {
  it('agrees with Date.parse on CloudTrail times, across minute, hour, day and year boundaries', () => {
    const times = ['2026-10-01T08:00:00Z', '2026-10-01T08:00:59Z', '2026-10-01T08:01:00Z', '2026-10-01T23:59:59Z', '2026-10-02T00:00:00Z', '2026-12-31T23:59:30Z', '2027-01-01T00:00:00Z', '2024-02-29T12:34:56Z'];
    for (const t of [...times, ...times.reverse()]) expect(isoToMs(t)).toBe(Date.parse(t));
  });

  it('handles fractional seconds, offsets and garbage like Date.parse', () => {
    for (const t of ['2026-10-01T10:30:00.123Z', '2026-10-01T10:30:00.5Z', '2026-10-01T10:30:00+02:00', '2026-10-01', 'not a time', '2026-10-01T10:30:7xZ']) {
      expect(isoToMs(t)).toEqual(Date.parse(t));
    }
  });

  it('prints times the way CloudTrail does', () => {
    expect(msToIso(Date.parse('2026-10-01T08:00:00Z'))).toBe('2026-10-01T08:00:00Z');
    expect(msToIso(Date.parse('2026-10-01T08:00:00.250Z'))).toBe('2026-10-01T08:00:00.250Z');
  });
});
