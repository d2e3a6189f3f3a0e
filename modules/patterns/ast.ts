/** A log event: the raw message text, or an already-parsed JSON record (e.g. one CloudTrail record). */
export type LogEvent = string | Record<string, unknown>;

/** A property path: object keys and array indexes, from the event root (`$.a[0].b` = ['a', 0, 'b']). */
export type SelectorPath = readonly (string | number)[];

export type CompareOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** The right-hand side of a JSON or space-delimited comparison. */
export type PatternValue =
  /** Text; `quoted` keeps whether it was written in double quotes, `wildcard` whether it holds an unescaped `*`. */
  | { readonly type: 'string'; readonly text: string; readonly quoted: boolean; readonly segments: readonly string[] | null }
  /** An unquoted number (compared numerically); `text` is the literal as written (for `=`/`!=` on text). */
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  /** `%regex%`: the source between the percent signs. */
  | { readonly type: 'regex'; readonly source: string };

export type JsonCondition =
  | { readonly type: 'and' | 'or'; readonly left: JsonCondition; readonly right: JsonCondition }
  | {
      readonly type: 'compare';
      /** The selector as written, without `$.` (`a.b[0]`), for messages and query translation. */
      readonly selectorText: string;
      readonly path: SelectorPath;
      readonly operator: CompareOperator;
      readonly value: PatternValue;
      /** 0-based offset of the selector in the pattern text. */
      readonly position: number;
    }
  | { readonly type: 'is'; readonly selectorText: string; readonly path: SelectorPath; readonly value: null | true | false; readonly position: number }
  | { readonly type: 'notExists'; readonly selectorText: string; readonly path: SelectorPath; readonly position: number };

/** One term of a term pattern. */
export interface Term {
  /** required: must occur; optional: `?term`, at least one optional term must occur; excluded: `-term`, must not occur. */
  readonly mode: 'required' | 'optional' | 'excluded';
  /** The literal text to find (quotes removed, escapes resolved), or the regex source for `%...%`. */
  readonly text: string;
  readonly regex: boolean;
}

/** A condition on one named field of a space-delimited pattern (`status_code = 4*`, `size > 1000 && size < 2000`). */
export type FieldCondition =
  | { readonly type: 'and' | 'or'; readonly left: FieldCondition; readonly right: FieldCondition }
  | { readonly type: 'compare'; readonly field: string; readonly operator: CompareOperator; readonly value: PatternValue };

/** One column of a space-delimited pattern: a named field (with optional conditions) or `...` (any number of fields). */
export type SpaceField =
  | { readonly type: 'field'; readonly name: string; readonly condition: FieldCondition | null }
  | { readonly type: 'ellipsis' };

export type PatternNode =
  | { readonly kind: 'all' }
  | { readonly kind: 'json'; readonly condition: JsonCondition }
  | { readonly kind: 'terms'; readonly terms: readonly Term[] }
  | { readonly kind: 'space'; readonly fields: readonly SpaceField[] };

/** A parsed filter pattern: the text as given, its kind, and its syntax tree. */
export interface FilterPattern {
  readonly text: string;
  readonly kind: 'json' | 'terms' | 'space' | 'all';
  readonly ast: PatternNode;
}
