/** Parsing only the plan sections the review reads gives exactly what JSON.parse gives for them. */
import * as fs from 'node:fs';
import { PLAN_SECTIONS, parseTopLevel } from '../plan-text';
import { fixtureFile } from './support/plans';

describe('parseTopLevel', () => {
  it('returns the chosen sections of a real plan exactly as JSON.parse does, and names every section', () => {
    const text = fs.readFileSync(fixtureFile('acme-prod.weakening.json'), 'utf8');
    const full = JSON.parse(text);
    const { values, present } = parseTopLevel(text, PLAN_SECTIONS);
    expect(values).toEqual({ format_version: full.format_version, resource_changes: full.resource_changes, output_changes: full.output_changes });
    expect([...present].sort()).toEqual(Object.keys(full).sort());
  });

  it('skips strings holding braces, brackets, quotes and escapes, and falls back to JSON.parse on bad text', () => {
    const text = ' { "skip" : { "a": "}]\\"{[", "b": [1, {"c": "\\\\"}] }, "n": -1.5e3, "t": true, "keep": ["x}", {"y": null}] } ';
    expect(parseTopLevel(text, new Set(['keep', 'n', 't'])).values).toEqual({ keep: ['x}', { y: null }], n: -1500, t: true });
    expect(() => parseTopLevel('{"a": [1, 2}', new Set(['a']))).toThrow(SyntaxError);
    expect(parseTopLevel('[1]', new Set(['a']))).toEqual({ values: {}, present: new Set() });
  });
});
