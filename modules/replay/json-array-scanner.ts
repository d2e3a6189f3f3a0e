/**
 * Incremental scanner for one big JSON document: hands out the elements of its top-level array, or
 * of the array under one of `wrapperKeys` in its top-level object (`{"Records": [...]}`), one at a
 * time as text, while the document arrives in chunks. Memory holds one element, never the file.
 *
 * Hand-written rather than a streaming JSON library: it only has to find element boundaries (depth,
 * strings, escapes), and each element is then parsed by JSON.parse, which is much faster than any
 * JavaScript tokenizer. Everything outside the wanted array is skipped.
 */
export class JsonSyntaxError extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class JsonArrayScanner {
  /** Unscanned or held text (an element or a depth-1 key that started in an earlier chunk). */
  private text = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  /** Depth at which the elements of the wanted array sit (1 for a top-level array), or 0 while searching. */
  private elementDepth = 0;
  private targetDone = false;
  /** Start of the element being read, in `text`; -1 when between elements. */
  private elementStart = -1;
  /** Start of a depth-1 string (an object key candidate), in `text`; -1 otherwise. */
  private keyStart = -1;
  private lastKey = '';
  private started = false;
  private rootIsObject = false;
  /** Elements handed out so far. */
  elements = 0;

  constructor(
    private readonly onElement: (text: string) => void,
    private readonly wrapperKeys: readonly string[] = ['Records', 'Events', 'events'],
  ) {}

  push(chunk: string): void {
    this.text = this.text.length ? this.text + chunk : chunk;
    this.scan();
    // Keep only what is still needed: the element or key being read.
    const hold = this.elementStart >= 0 ? this.elementStart : this.keyStart;
    if (hold >= 0) {
      this.text = this.text.slice(hold);
      this.pos -= hold;
      if (this.elementStart >= 0) this.elementStart -= hold;
      if (this.keyStart >= 0) this.keyStart -= hold;
    } else {
      this.text = '';
      this.pos = 0;
    }
  }

  /** Call when the input ended: throws JsonSyntaxError when the document is incomplete. */
  end(): void {
    if (!this.started) throw new JsonSyntaxError('empty input: expected a JSON array or object');
    if (this.depth !== 0 || this.inString) throw new JsonSyntaxError(`truncated JSON: input ended inside the document after ${this.elements} records`);
    if (this.elementDepth === 0 && !this.targetDone && this.rootIsObject) {
      throw new JsonSyntaxError(`no ${this.wrapperKeys.map((k) => `"${k}"`).join(', ')} array in the JSON object`);
    }
  }

  private scan(): void {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote that is not escaped.
        let q = text.indexOf('"', i);
        while (q !== -1) {
          let b = q - 1;
          while (b >= 0 && text.charCodeAt(b) === BACKSLASH) b--;
          if ((q - 1 - b) % 2 === 0) break;
          q = text.indexOf('"', q + 1);
        }
        if (q === -1) {
          // Backslashes at the very end may escape a quote in the next chunk: rescan them then.
          let b = n - 1;
          while (b >= i && text.charCodeAt(b) === BACKSLASH) b--;
          i = b + 1;
          break;
        }
        this.inString = false;
        i = q + 1;
        if (this.keyStart >= 0) {
          this.lastKey = text.slice(this.keyStart + 1, q);
          this.keyStart = -1;
        }
        if (this.elementStart >= 0 && this.depth === this.elementDepth) this.emit(i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (!this.started) {
        this.started = true;
        if (c === OPEN_BRACKET) this.elementDepth = 1;
        else if (c === OPEN_BRACE) this.rootIsObject = true;
        else throw new JsonSyntaxError(`expected a JSON array or object, found "${text[i]}"`);
      } else if (this.depth === 0) {
        throw new JsonSyntaxError(`unexpected "${text[i]}" after the end of the JSON document`);
      }
      // Start of an element of the wanted array.
      if (this.elementDepth > 0 && this.depth === this.elementDepth && this.elementStart < 0 && c !== COMMA && c !== CLOSE_BRACKET) {
        this.elementStart = i;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.rootIsObject && this.elementStart < 0) this.keyStart = i;
        i++;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (c === OPEN_BRACKET && this.depth === 1 && this.rootIsObject && !this.targetDone && this.elementDepth === 0 && this.wrapperKeys.includes(this.lastKey)) {
          this.elementDepth = 2;
        }
        this.depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.elementStart >= 0 && this.depth === this.elementDepth && c === CLOSE_BRACKET) {
          this.emit(i); // a scalar element ends at the closing bracket
        }
        this.depth--;
        if (this.depth < 0) throw new JsonSyntaxError(`unbalanced "${text[i]}"`);
        if (this.elementStart >= 0 && this.depth === this.elementDepth) this.emit(i + 1);
        else if (this.depth === this.elementDepth - 1 && this.elementDepth > 0 && c === CLOSE_BRACKET) {
          this.targetDone = true;
          this.elementDepth = 0;
        }
      } else if (c === COMMA) {
        if (this.elementStart >= 0 && this.depth === this.elementDepth) this.emit(i); // scalar element
      } else if (c !== COLON && this.depth === 0) {
        throw new JsonSyntaxError(`unexpected "${text[i]}"`);
      }
      i++;
    }
    this.pos = i;
  }

  private emit(endExclusive: number): void {
    const element = this.text.slice(this.elementStart, endExclusive).trim();
    this.elementStart = -1;
    this.elements++;
    this.onElement(element);
  }
}
