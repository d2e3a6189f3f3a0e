/**
 * Escaping for the HTML report. Every CloudTrail field a caller can set (user names, user agents,
 * source addresses that are host names, request parameters, error messages) is attacker-controlled
 * text, and the report puts it in three contexts: HTML text and attributes, a JSON block read by the
 * page's script, and CSP hashes over the page's own scripts and styles.
 */
import { createHash } from 'node:crypto';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Characters that change how the text around them looks without being seen: C0 and C1 controls, zero
 * width characters, line and paragraph separators, and the bidirectional overrides and isolates that
 * can make `evil` read as `live` ("Trojan Source"). Shown as visible `\u202e`-style escapes instead.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** Untrusted text as HTML: escaped, with invisible and direction-changing characters made visible. */
export function escapeUntrusted(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    const i = m.index ?? 0;
    out += `${escapeHtml(text.slice(last, i))}<span class="ctl">\\u${m[0].charCodeAt(0).toString(16).padStart(4, '0')}</span>`;
    last = i + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * JSON for the inside of a `<script type="application/json">` element: `<`, `>` and `&` as `\u003c`
 * and so on, so no value can close the element (`</script>`) or open a comment (`<!--`) that changes
 * how the HTML parser reads the script; U+2028 and U+2029 escaped too, for a reader that evaluates it
 * as JavaScript. `JSON.parse` of the element's text gives the value back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Content-Security-Policy source expression allowing exactly this inline script or style text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Throws when code or CSS to be inlined could end its element early or change how the parser reads
 * it (`</script`, `</style`, `<!--`): an upgraded library must not break the page silently.
 */
export function assertInlineSafe(name: string, text: string): string {
  const bad = /<\/script|<\/style|<!--/i.exec(text);
  if (bad) throw new Error(`${name} cannot be inlined in the HTML report: it contains ${JSON.stringify(bad[0])}`);
  return text;
}
