/**
 * Event times, fast. Replay reads every event of a log archive, so parsing `eventTime` with
 * Date.parse for each one would cost as much as the detections; CloudTrail writes it as
 * `YYYY-MM-DDTHH:MM:SSZ` and consecutive events share the minute, so the minute is parsed once and
 * reused while it stays the same.
 */
let lastMinuteKey = '';
let lastMinuteMs = NaN;

/** Epoch milliseconds of an ISO 8601 time, or NaN when it is not one. */
export function isoToMs(iso: string): number {
  // `YYYY-MM-DDTHH:MM:SSZ` (CloudTrail) or with fractional seconds; anything else goes to Date.parse.
  if (iso.length >= 20 && iso.charCodeAt(16) === 58 /* : */ && iso.charCodeAt(iso.length - 1) === 90 /* Z */) {
    const key = iso.slice(0, 16);
    if (key !== lastMinuteKey) {
      lastMinuteKey = key;
      lastMinuteMs = Date.parse(`${key}:00Z`);
    }
    const s1 = iso.charCodeAt(17) - 48;
    const s2 = iso.charCodeAt(18) - 48;
    if (s1 >= 0 && s1 <= 5 && s2 >= 0 && s2 <= 9 && !Number.isNaN(lastMinuteMs)) {
      let ms = 0;
      if (iso.charCodeAt(19) === 46 /* . */) ms = Math.floor(Number(`0${iso.slice(19, -1)}`) * 1000) || 0;
      return lastMinuteMs + (s1 * 10 + s2) * 1000 + ms;
    }
  }
  return Date.parse(iso);
}

/** `2026-10-01T08:00:00Z`: the CloudTrail style, without milliseconds. */
export function msToIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
