/**
 * The formula whitelist is exactly what it says (names are looked up as themselves, never through an object's
 * prototype), and a formula too long or nested too deeply is refused at the formula, never a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula, compileScenario, loadScenario } from '../../src/scenario/index.ts';
import { MAX_FORMULA_CHARS, MAX_FORMULA_DEPTH } from '../../src/scenario/formula.ts';
import { BASE, edit, problems, writeFiles } from './helpers.ts';
import { join } from 'node:path';

const refused = (text: string, series: string[] = []) => {
  const f = compileFormula(text, series);
  return f.ok ? 'accepted' : f.message;
};

describe('formula names', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__', 'propertyIsEnumerable', '__defineGetter__'])(
    '%s is an unknown name, alone or in a formula',
    (name) => {
      expect(refused(name)).toBe(`expected a number or a formula, found "${name}"`);
      expect(refused(`${name} + 1`)).toMatch(new RegExp(`^expected a formula of t, month, year, pi, e, found unknown name "${name.replace(/\$/g, '\\$')}"`));
    },
  );

  it('series may be named like Object.prototype members and are read as themselves', () => {
    const text = edit(BASE, 'regions:', 'series:\n  constructor: {2021-01: 3}\n  __proto__: {2021-01: 4}\nregions:');
    const dir = writeFiles({ 'x.yaml': edit(text, 'btcPriceUsd: 40000', 'btcPriceUsd: "10000 * (constructor + __proto__)"') });
    const plan = compileScenario(loadScenario(join(dir, 'x.yaml')), { seed: 1 });
    expect(plan.network.btcPriceUsd[0]).toBe(70000);
  });
});

describe('empty formulas', () => {
  it('an empty or blank text is not a formula (mathjs would read it as the constant undefined)', () => {
    expect(refused('')).toBe('expected a number or a formula, found an empty text');
    expect(refused('  ')).toBe('expected a number or a formula, found "  "');
  });
});

describe('formula size and depth', () => {
  const sum = (terms: number) => Array.from({ length: terms }, () => '1').join('+');
  const nested = (levels: number) => `${'('.repeat(levels)}t${')'.repeat(levels)}`;
  const deep = `expected a formula nested at most ${MAX_FORMULA_DEPTH} levels deep, found one nested deeper`;

  it('a formula within the limits is evaluated', () => {
    const f = compileFormula(nested(MAX_FORMULA_DEPTH - 1), []);
    expect(f.ok && f.evaluate({ t: 5 })).toBe(5);
    const g = compileFormula(sum(MAX_FORMULA_DEPTH), []);
    expect(g.ok && g.evaluate({})).toBe(MAX_FORMULA_DEPTH);
  });

  it('deeper nesting (operators, parentheses, unary minus, function calls) is refused with a clear message', () => {
    expect(refused(sum(MAX_FORMULA_DEPTH + 2))).toBe(deep);
    expect(refused(nested(MAX_FORMULA_DEPTH + 1))).toBe(deep);
    expect(refused(`${'-'.repeat(MAX_FORMULA_DEPTH + 1)}1`)).toBe(deep);
    expect(refused(`${'abs('.repeat(MAX_FORMULA_DEPTH + 1)}1${')'.repeat(MAX_FORMULA_DEPTH + 1)}`)).toBe(deep);
    expect(refused(`${'t ? 0 : '.repeat(MAX_FORMULA_DEPTH + 1)}1`)).toBe(deep);
  });

  it('a formula longer than the limit is refused', () => {
    const long = `t${' + t'.repeat(MAX_FORMULA_CHARS)}`;
    expect(refused(long)).toBe(`expected a formula of at most ${MAX_FORMULA_CHARS} characters, found ${long.length} characters`);
  });

  it('a formula that would overflow the stack is reported at the formula, in the file where it is written', () => {
    const text = edit(BASE, 'btcPriceUsd: 40000', `btcPriceUsd: "${'-'.repeat(900)}1"`);
    expect(problems(text)).toEqual([`x.yaml:5:16 network.btcPriceUsd: ${deep}`]);
    const huge = edit(BASE, 'btcPriceUsd: 40000', `btcPriceUsd: "${'('.repeat(400)}1${')'.repeat(400)}"`);
    expect(problems(huge)).toEqual([`x.yaml:5:16 network.btcPriceUsd: ${deep}`]);
  });
});
