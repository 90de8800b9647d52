// Where a JSON text is broken, as line and column: Node's JSON.parse often names neither, and a technician editing a
// config file on site needs both.

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in characters of the line. */
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The first syntax problem of `text`; undefined if there is none (or the nesting is too deep to scan). */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const describe = (at: number): string => (at >= text.length ? 'end of file' : `'${text[at]}'`);
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const expect = (char: string): void => {
    if (text[i] !== char) fail(`expected '${char}' but found ${describe(i)}`);
    i++;
  };
  const string = (): void => {
    const start = i;
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('string never closed', start);
      else if (c === '"') return void i++;
      else if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('bad escape in string');
      } else if (c < ' ') fail('control character in string (write \\n, \\t)');
      else i++;
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(`unexpected ${describe(i)}`);
    else i += match[0].length;
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') return void i++;
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : `expected a "quoted" key but found ${describe(i)}`);
        string();
        skipSpace();
        expect(':');
        value();
        skipSpace();
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') fail(`expected ',' or '}' but found ${describe(i)}`);
        i++;
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') fail(`expected ',' or ']' but found ${describe(i)}`);
        i++;
        skipSpace();
        if (text[i] === ']') fail('trailing comma before ]');
      }
    } else if (c === '"') string();
    else if (c === 't' || c === 'f' || c === 'n') {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) fail(`unexpected ${describe(i)}`);
      else i += word.length;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(c === undefined ? 'unexpected end of file' : `unexpected ${describe(i)}`);
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined; // stack exhausted by nesting
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.at).split('\n');
    return { line: before.length, column: [...(before.at(-1) ?? '')].length + 1, reason: error.reason };
  }
}
