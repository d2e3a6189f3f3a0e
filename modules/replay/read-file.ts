/**
 * Reads one log file, plain or gzip (recognised by its magic bytes, not its name), and hands each
 * record to a sink, in constant memory:
 * - a JSON document up to `maxBufferedChars` is read whole and parsed by JSON.parse (fastest; S3
 *   delivery files are small);
 * - a larger one is cut into its records by JsonArrayScanner as it streams;
 * - anything line-oriented (JSON lines, CloudWatch Logs exports) is read line by line.
 * Problems never throw: the result says what went wrong and how much was read.
 */
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, gunzipSync } from 'node:zlib';
import { type EventSink, RecordError, emitLine, emitValue } from './formats';
import { JsonArrayScanner } from './json-array-scanner';

/** How log files are read. */
export interface ReadOptions {
  /** JSON documents larger than this (in characters) are streamed record by record. @default 16 MiB */
  readonly maxBufferedChars?: number;
  /** Called with the number of (compressed) bytes read from disk, for progress. */
  readonly onBytes?: (bytes: number) => void;
}

/** What reading one file gave: events, skipped records, and the error that stopped it, if any. */
export interface FileResult {
  readonly file: string;
  /** Events handed to the sink. */
  readonly events: number;
  /** Records or lines that could not be read and were skipped. */
  readonly badRecords: number;
  /** The first problem with a record, with its line when known. */
  readonly firstBadRecord?: string;
  /** Why the file could not be read (completely): unreadable, not gzip, not JSON, truncated. */
  readonly error?: string;
}

/** JSON documents up to this many characters (16 Mi) are read whole; larger ones are streamed record by record. */
export const DEFAULT_MAX_BUFFERED_CHARS = 16 * 1024 * 1024;

type Mode = 'sniff' | 'buffer' | 'lines' | 'scanner' | 'rejected';

/**
 * A tar archive (an npm package .tgz, a folder of logs tarred up) has "ustar" at offset 257 of its
 * first header (POSIX ustar and GNU tar): its text lines are file contents, never log events.
 */
function isTar(text: string): boolean {
  return text.length >= 262 && text.slice(257, 262) === 'ustar';
}

/** Hands each record of one log file (a JSON document, JSON lines or a CloudWatch Logs export; gzip or not) to the sink; never throws. */
export async function readLogFile(file: string, sink: EventSink, options: ReadOptions = {}): Promise<FileResult> {
  const maxBuffered = options.maxBufferedChars ?? DEFAULT_MAX_BUFFERED_CHARS;
  let events = 0;
  let badRecords = 0;
  let firstBadRecord: string | undefined;
  let line = 0;
  const count: EventSink = (event, timeHint) => {
    const skipped = sink(event, timeHint);
    if (typeof skipped === 'string') bad(skipped);
    else events++;
  };
  const bad = (reason: string): void => {
    badRecords++;
    firstBadRecord ??= line > 0 ? `line ${line}: ${reason}` : reason;
  };
  const result = (error?: string): FileResult => ({ file, events, badRecords, firstBadRecord, error });

  let gzip: boolean;
  let size: number;
  try {
    const fd = fs.openSync(file, 'r');
    const magic = Buffer.alloc(2);
    try {
      size = fs.fstatSync(fd).size;
      const read = fs.readSync(fd, magic, 0, 2, 0);
      gzip = read === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return result(`cannot be read: ${(e as Error).message}`);
  }

  let mode: Mode = 'sniff';
  let buffered: string[] = [];
  let bufferedChars = 0;
  let partialLine = '';
  const scanner = new JsonArrayScanner((text) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      bad(`record ${scanner.elements} is not valid JSON: ${(e as Error).message}`);
      return;
    }
    try {
      emitValue(parsed, count, undefined, bad);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      bad(e.message);
    }
  });

  const feedLines = (text: string, final: boolean): void => {
    let start = 0;
    let data = partialLine.length ? partialLine + text : text;
    partialLine = '';
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl === -1) break;
      line++;
      try {
        emitLine(data.slice(start, nl), count, bad);
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        bad(e.message);
      }
      start = nl + 1;
    }
    data = data.slice(start);
    if (final && data.trim()) {
      line++;
      try {
        emitLine(data, count, bad);
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        bad(e.message);
      }
    } else partialLine = data;
  };

  /** A JSON document too big to buffer: JSON lines if its first line is a JSON value on its own, else one document. */
  const chooseStreamingMode = (text: string): Mode => {
    const nl = text.indexOf('\n');
    if (nl > 0) {
      try {
        JSON.parse(text.slice(0, nl));
        return 'lines';
      } catch {
        /* not JSON lines */
      }
    }
    return 'scanner';
  };

  const feed = (text: string): void => {
    if (mode === 'rejected') return;
    if (mode === 'sniff') {
      if (isTar(text)) {
        mode = 'rejected';
        return;
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark (files saved on Windows)
      const first = text.search(/\S/);
      if (first === -1) return;
      const c = text[first];
      mode = c === '{' || c === '[' ? 'buffer' : 'lines';
    }
    if (mode === 'buffer') {
      buffered.push(text);
      bufferedChars += text.length;
      // A file already larger than the limit on disk streams at once: buffering it first would hold
      // the limit's worth of text twice. Decide as soon as the first line is in (or 1 MiB without one).
      const decideNow = size > maxBuffered && (text.includes('\n') || bufferedChars > 1024 * 1024);
      if (bufferedChars <= maxBuffered && !decideNow) return;
      const all = buffered.join('');
      buffered = [];
      mode = chooseStreamingMode(all);
      text = all;
    }
    if (mode === 'lines') feedLines(text, false);
    else scanner.push(text);
  };

  const finish = (): string | undefined => {
    if (mode === 'sniff') return 'empty file';
    if (mode === 'rejected') return `a tar archive${gzip ? ' (gzip)' : ''}, not a log file: extract it and replay the extracted files`;
    if (mode === 'lines') {
      feedLines('', true);
      // Not one line could be read: not a log file at all (or the wrong format entirely).
      if (events === 0 && badRecords > 0) return `not a recognised log format (${firstBadRecord})`;
      return undefined;
    }
    if (mode === 'scanner') {
      try {
        scanner.end();
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    }
    const all = buffered.join('');
    buffered = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(all);
    } catch (e) {
      if (chooseStreamingMode(all) === 'lines') {
        mode = 'lines';
        feedLines(all, true);
        return undefined;
      }
      return `not valid JSON: ${(e as Error).message}`;
    }
    try {
      emitValue(parsed, count, undefined, bad);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      return e.message;
    }
    return undefined;
  };

  // Fast path for the usual small file: one read, one gunzip, one JSON.parse (streaming through
  // zlib and a string decoder costs about as much again as the parse). Output is capped, so a
  // small gzip that inflates beyond the buffer limit falls through to streaming.
  if (size <= maxBuffered) {
    let data: Buffer | undefined;
    try {
      data = fs.readFileSync(file);
      if (gzip) data = gunzipSync(data, { maxOutputLength: maxBuffered });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_BUFFER_TOO_LARGE') {
        const reason = code === 'Z_BUF_ERROR' ? 'gzip data is truncated' : (e as Error).message;
        return result(`${gzip ? 'gzip: ' : ''}${reason} (after ${events} events)`);
      }
      data = undefined;
    }
    if (data) {
      options.onBytes?.(size);
      feed(data.toString('utf8'));
      return result(finish());
    }
  }

  const decoder = new StringDecoder('utf8');
  try {
    const input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    if (options.onBytes) input.on('data', (chunk) => options.onBytes?.(chunk.length));
    const stream = gzip ? input.pipe(createGunzip()) : input;
    if (gzip) input.on('error', (e) => stream.destroy(e));
    for await (const chunk of stream as AsyncIterable<Buffer>) feed(decoder.write(chunk));
    feed(decoder.end());
  } catch (e) {
    const reason = (e as { code?: string }).code === 'Z_BUF_ERROR' ? 'gzip data is truncated' : (e as Error).message;
    return result(`${gzip ? 'gzip: ' : ''}${reason} (after ${events} events)`);
  }
  return result(finish());
}
