import { JsonArrayScanner, JsonSyntaxError } from '../json-array-scanner';

function scan(chunks: string[], keys?: string[]): string[] {
  const out: string[] = [];
  const s = new JsonArrayScanner((t) => out.push(t), keys);
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

/** Every way of cutting `text` in two, plus one character at a time. */
function cuts(text: string): string[][] {
  const all = [[text], text.split('')];
  for (let i = 1; i < text.length; i++) all.push([text.slice(0, i), text.slice(i)]);
  return all;
}

describe('JsonArrayScanner', () => {
  const records = [{ eventName: 'ConsoleLogin', s: 'a "quoted" \\ back\\\\slash ] } [ {', n: [1, [2, { x: '}' }]] }, { eventName: 'StopLogging' }];

  it('hands out each record of a Records wrapper, however the text is cut into chunks', () => {
    const text = JSON.stringify({ other: [{ eventName: 'not me' }], Records: records, after: 'x' }, null, 2);
    for (const chunks of cuts(text)) {
      expect(scan(chunks).map((t) => JSON.parse(t))).toEqual(records);
    }
  });

  it('reads a top-level array, including scalar elements', () => {
    for (const chunks of cuts('[ {"a":1} , "text", 12, [3] ,null ]')) {
      expect(scan(chunks)).toEqual(['{"a":1}', '"text"', '12', '[3]', 'null']);
    }
  });

  it('reads the Events array of an Event history export', () => {
    const text = JSON.stringify({ Events: [{ CloudTrailEvent: JSON.stringify(records[0]) }], NextToken: 'abc' });
    expect(scan([text]).map((t) => JSON.parse(JSON.parse(t).CloudTrailEvent))).toEqual([records[0]]);
  });

  it('ignores a wrapper key that is nested deeper than the top-level object', () => {
    expect(scan(['{"x": {"Records": [1, 2]}, "Records": [3]}'])).toEqual(['3']);
  });

  it('fails on a truncated document, saying how many records it read', () => {
    const s = new JsonArrayScanner(() => undefined);
    s.push('{"Records": [{"a": 1}, {"b": "unterminated');
    expect(() => s.end()).toThrow(new JsonSyntaxError('truncated JSON: input ended inside the document after 1 records'));
  });

  it('fails on an object without a records array, and on text that is not JSON', () => {
    expect(() => scan(['{"foo": [1]}'])).toThrow(/no "Records", "Events", "events" array/);
    expect(() => scan(['hello'])).toThrow(/expected a JSON array or object/);
    expect(() => scan(['[1] [2]'])).toThrow(/after the end of the JSON document/);
    expect(() => scan(['  '])).toThrow(/empty input/);
  });

  it('keeps only the current record in memory, not the document', () => {
    const s = new JsonArrayScanner(() => undefined) as unknown as { push(c: string): void; text: string };
    s.push('{"Records": [');
    for (let i = 0; i < 1000; i++) s.push(`${JSON.stringify({ eventName: 'X'.repeat(100), i })},`);
    expect(s.text.length).toBeLessThan(200);
  });
});
