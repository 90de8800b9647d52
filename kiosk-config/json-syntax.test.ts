import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './json-syntax';

describe('findJsonSyntaxProblem', () => {
  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u4e2d"]}', ' \n{ "a" : { } }\n'])('finds nothing in %j', (text) => {
    expect(findJsonSyntaxProblem(text)).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n  "b": }', 3, 8, 'unexpected'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}'"],
    ['{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['[1, 2,]', 1, 7, 'trailing comma'],
    ["{ 'a': 1 }", 1, 3, 'quoted'],
    ['{ "a": 1 } x', 1, 12, 'after the end'],
    ['{\n  "a": "中文', 2, 8, 'never closed'],
    ['{ "a": "x\ty" }', 1, 10, 'control character'],
    ['{ "a": tru }', 1, 8, 'unexpected'],
    ['{ "a": 1', 1, 9, 'end of file'],
  ])('locates the problem in %j', (text, line, column, reason) => {
    const problem = findJsonSyntaxProblem(text);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.reason).toContain(reason);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('agrees with JSON.parse on valid, broken and random texts', () => {
    const valid = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const broken = fc.tuple(fc.json(), fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', '0', '.', ' ')).map(([json, at, cut, insert]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(i + cut);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), broken, fc.string()), (text) => {
        expect(findJsonSyntaxProblem(text) === undefined).toBe(valid(text));
      }),
      { numRuns: 3000 },
    );
  });
});
