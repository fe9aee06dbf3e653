/*
 * Strict JSON syntax for `.json` scenario files. YAML (which reads the scenario) accepts what JSON refuses (a
 * trailing comma, comments, single quotes, unquoted keys). `JSON.parse` decides whether a text is JSON; where it
 * is not, this scanner says where and why, because V8's messages cannot: on Node 20 a trailing comma in a list is
 * `Unexpected token ']', "[1, 2,]" is not valid JSON` (no position at all), one before `}` is placed at the `}`
 * rather than at the comma, and neither names a comment or single quotes.
 */

/** Where a text stops being JSON, and why. */
export interface JsonSyntaxProblem {
  offset: number;
  problem: string;
  hint: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON refuses raw control characters (a line break) in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WORD = /true|false|null/y;

/**
 * The first place where `text` is not strict JSON, or undefined when it is (empty text counts as JSON: an empty
 * scenario).
 *
 * @example
 * jsonSyntaxProblem('{"seed": 1,}'); // → { offset: 11, problem: 'a trailing comma before }', hint: ... }
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  try {
    JSON.parse(text);
    return undefined; // the common case, and V8's parser is the judge of what is JSON
  } catch {
    // not JSON (or empty): the scanner finds where
  }
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const unexpected = (expected: string): never => {
    const char = text[at];
    if (char === undefined) throw new Stop(at, `the text ends early: expected ${expected}`, 'close every { and [');
    if (char === "'") throw new Stop(at, 'single quotes are not JSON', 'use double quotes: "text"');
    if (char === '/' || char === '#') throw new Stop(at, 'comments are not JSON', 'remove it, or use YAML');
    throw new Stop(at, `unexpected ${JSON.stringify(char)}: expected ${expected}`, 'check the JSON syntax here');
  };
  const token = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  const members = (close: '}' | ']', member: () => void) => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      member();
      space();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') unexpected(`"," or "${close}"`);
      const comma = at;
      at++;
      space();
      if (text[at] === close) {
        throw new Stop(
          comma,
          `a trailing comma before ${close}`,
          'remove the comma: JSON allows none after the last item',
        );
      }
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      members('}', () => {
        space();
        if (text[at] !== '"') unexpected('a key in double quotes');
        if (!token(STRING)) unexpected('a key in double quotes');
        space();
        if (text[at] !== ':') unexpected('":"');
        at++;
        value();
      });
    } else if (char === '[') {
      members(']', value);
    } else if (!(char === '"' ? token(STRING) : token(NUMBER) || token(WORD))) {
      if (char === '"') throw new Stop(at, 'a string that is not closed or holds a raw line break', 'close the quote');
      unexpected('a value');
    }
  };
  try {
    space();
    if (at === text.length) return undefined;
    value();
    space();
    if (at < text.length) unexpected('the end of the text');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, problem: error.problem, hint: error.hint };
    if (error instanceof RangeError) {
      return { offset: at, problem: 'is nested too deeply', hint: 'a scenario needs only a few levels of nesting' };
    }
    throw error;
  }
}
