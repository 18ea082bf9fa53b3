/**
 * The formula parser is a mathjs instance created from `parseDependencies` only (for a small bundle). It must read
 * every text exactly as the full mathjs does: same trees, same parse errors, so the sandbox (formula.ts, its
 * whitelist and its messages) is unchanged.
 */
import fc from 'fast-check';
import { parse as fullParse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/scenario/mathParser.ts';

/** The tree as JSON (node types, names, operators, values), or the parse error's message. */
function read(p: (text: string) => unknown, text: string): string {
  try {
    return JSON.stringify(p(text));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const samples = [
  '2 * t + 1', '2t', '2 ^ 3 ^ 2', '-t', 'month >= 5 and month <= 10 ? 0.035 : 0.065', '5 <= month <= 10',
  'not (year > 2020) or false', 'round(t, 1)', 'mod(-1, 12)', 'log(8, 2)', 'pi * e', '1e3 + .5', '0x1F', '3!',
  'import({}, {override: true})', 'f(x) = x', 'a = 1; 2', '[1, 2][1]', '{a: 1}.a', 'cos.constructor', '1:3',
  '"text"', "'single'", '5 cm', 't to cm', 't in cm', 't and 2 & 3', 'a xor b', 't +', '(', 'x[', '2 ++ 3', '',
  'true ? 1 : 0', 'null', 'undefined', 'NaN', 'Infinity', '1 == 1 != 0', 't % 12', 't mod 12', "t'", '5 >> 1',
  '~t', 'a.b.c', 'sqrt(-4)', '1/0', '3 5', '2(t+1)', 'max(1, 2, 3, 4)', '# comment', 't\n+1',
];

describe('mathParser (parseDependencies only)', () => {
  it.each(samples)('parses %j exactly as the full mathjs', (text) => {
    expect(read(parse, text)).toBe(read(fullParse, text));
  });

  it('parses any text of formula characters exactly as the full mathjs (property)', () => {
    const chars = fc.constantFrom(...'tmonthyearpi e0123456789.+-*/^%!<>=?:,;()[]{}\'"&|~ abcdfgsx'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }).map((cs) => cs.join('')), (text) => {
        expect(read(parse, text)).toBe(read(fullParse, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives numbers as JavaScript numbers', () => {
    expect((parse('0.1') as unknown as { value: unknown }).value).toBe(0.1);
  });
});
