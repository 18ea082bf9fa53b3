import { describe, expect, it } from 'vitest';
import { compileFormula, compileScenario, loadScenario } from '../../src/scenario/index.ts';
import { interpolate } from '../../src/scenario/series.ts';
import { BASE, edit, problems, writeFiles } from './helpers.ts';
import { join } from 'node:path';

const refused = (text: string) => {
  const f = compileFormula(text, ['btc']);
  return f.ok ? 'accepted' : f.message;
};

describe('formula sandbox', () => {
  it.each([
    ['import({}, {override: true})', 'expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "import"'],
    ['createUnit("x")', 'expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "createUnit"'],
    ['evaluate("1")', 'expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "evaluate"'],
    ['parse("1")', 'expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "parse"'],
    ['simplify("x")', 'expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "simplify"'],
    ['f(x) = x', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a function definition "f(x) = x"'],
    ['a = 1', 'expected a formula of numbers, names, operators, functions and a ? b : c, found an assignment "a = 1"'],
    ['[1, 2][1]', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a property access "[1, 2][1]"'],
    ['{a: 1}.a', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a property access "{\\"a\\": 1}.a"'],
    ['cos.constructor', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a property access "cos.constructor"'],
    ['[1, 2]', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a matrix "[1, 2]"'],
    ['1:3', 'expected a formula of numbers, names, operators, functions and a ? b : c, found a range "1:3"'],
    ['a = 1; 2', 'expected a formula of numbers, names, operators, functions and a ? b : c, found several statements "a = 1;\\n2"'],
    ['"text"', 'expected a formula of numbers, names and operators, found a text "text"'],
    ['t + "1"', 'expected a formula of numbers, names and operators, found a text "1"'],
    ['3!', 'expected a formula with arithmetic, comparisons, and, or, xor, not, found the operator "!"'],
    ['5 cm', 'expected a formula of t, month, year, pi, e and the series btc, found unknown name "cm"'],
    ['t to cm', 'expected a formula of t, month, year, pi, e and the series btc, found unknown name "cm"'],
    ['t and 2 & 3', 'expected a formula with arithmetic, comparisons, and, or, xor, not, found the operator "&"'],
    ['unknownThing * 2', 'expected a formula of t, month, year, pi, e and the series btc, found unknown name "unknownThing"'],
    ['t +', 'expected a formula, found "t +", which does not parse (Unexpected end of expression (char 4))'],
    ['round(t, 1, 2)', 'expected round() with 1 to 2 arguments, found 3'],
  ])('%s is refused', (text, message) => {
    expect(refused(text)).toBe(message);
  });

  it('a refused formula in a scenario is reported at the formula', () => {
    expect(problems(edit(BASE, 'powerPriceUsdPerKwh: 0.045', 'powerPriceUsdPerKwh: "import({}, {override: true})"'))).toEqual([
      'x.yaml:17:26 regions.KZ.powerPriceUsdPerKwh: expected a formula using only the functions abs, min, max, floor, ceil, round, sqrt, exp, log, log10, log2, sin, cos, tan, pow, mod, sign, found a call to "import"',
    ]);
  });

  it('arithmetic, comparisons, logic, conditionals, chained comparisons and whitelisted functions work', () => {
    const ev = (text: string, scope: Record<string, number> = {}) => {
      const f = compileFormula(text, ['btc']);
      if (!f.ok) throw new Error(f.message);
      return f.evaluate({ t: 0, month: 1, year: 2021, btc: 0, ...scope });
    };
    expect(ev('2 * t + 1', { t: 3 })).toBe(7);
    expect(ev('2t', { t: 3 })).toBe(6);
    expect(ev('2 ^ 3 ^ 2')).toBe(512);
    expect(ev('-t', { t: 2 })).toBe(-2);
    expect(ev('month >= 5 and month <= 10 ? 1 : 2', { month: 5 })).toBe(1);
    expect(ev('month >= 5 and month <= 10 ? 1 : 2', { month: 11 })).toBe(2);
    expect(ev('5 <= month <= 10', { month: 7 })).toBe(1);
    expect(ev('not (year > 2020) or false')).toBe(0);
    expect(ev('4 * (1 + 0.5 * (year >= 2021))')).toBe(6);
    expect(ev('mod(-1, 12)')).toBe(11);
    expect(ev('t % 12', { t: 13 })).toBe(1);
    expect(ev('max(1, btc / 2, 3)', { btc: 10 })).toBe(5);
    expect(ev('round(pi, 2)')).toBe(3.14);
    expect(ev('log(e)')).toBe(1);
    expect(ev('log(8, 2)')).toBeCloseTo(3, 12);
    expect(ev('sqrt(16) + abs(-1) + floor(1.5) + ceil(1.5) + sign(-3)')).toBe(7);
    expect(ev('50%')).toBe(0.5);
  });

  it('a formula is evaluated once per month into the plan: t from 0, month 1-12, year, and series', () => {
    const text = edit(
      edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: "price * 1000 + t"'),
      'name: t\n',
      'name: t\nseries:\n  price: {2021-01: 30, 2021-05: 34}\n',
    )
      .replace('start: 2021-01', 'start: 2020-11')
      .replace('end: 2021-12', 'end: 2021-07')
      .replace('capacityMw: 500', 'capacityMw: "year + month / 100"');
    const dir = writeFiles({ 'x.yaml': text });
    const plan = compileScenario(loadScenario(join(dir, 'x.yaml')), { seed: 1 });
    expect(plan.months).toBe(9);
    expect(Array.from(plan.network.btcPriceUsd)).toEqual([30000, 30001, 30002, 31003, 32004, 33005, 34006, 34007, 34008]);
    expect(Array.from(plan.regions[1].capacityMw)).toEqual([2020.11, 2020.12, 2021.01, 2021.02, 2021.03, 2021.04, 2021.05, 2021.06, 2021.07]);
  });
});

describe('series', () => {
  it('interpolate is linear between points, holds the first value before and the last after', () => {
    const pts = [
      { month: 10, value: 8 },
      { month: 6, value: 0 },
    ];
    expect(Array.from(interpolate(pts, 4, 9))).toEqual([0, 0, 0, 2, 4, 6, 8, 8, 8]);
    expect(Array.from(interpolate([{ month: 100, value: 3 }], 0, 2))).toEqual([3, 3]);
  });

  it('an inline series in a scenario follows the rule', () => {
    const dir = writeFiles({ 'x.yaml': edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {2021-03: 30000, 2021-05: 40000, 2021-09: 20000}') });
    const plan = compileScenario(loadScenario(join(dir, 'x.yaml')), { seed: 1 });
    expect(Array.from(plan.network.btcPriceUsd)).toEqual([30000, 30000, 30000, 35000, 40000, 35000, 30000, 25000, 20000, 20000, 20000, 20000]);
  });

  it('a CSV series: path relative to the scenario, # comments, dates or months, rows of a month averaged, empty cells skipped', () => {
    const plan = compileScenario(
      loadScenario('test/fixtures/scenarios/minimal.yaml', { sets: ['network.btcPriceUsd={csv: data/price.csv, column: usd}', 'end=2021-06'] }),
      { seed: 1 },
    );
    // 2021-01: mean(30000, 34000) = 32000; 2021-02: between 32000 and 40000; 2021-03: 40000; 2021-04: 45000; 2021-05: 50000; then held.
    expect(Array.from(plan.network.btcPriceUsd)).toEqual([32000, 36000, 40000, 45000, 50000, 50000]);
  });

  it('a CSV series in a file relative to a parent scenario is found from the parent', () => {
    const dir = writeFiles({
      'base/x.yaml': edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {csv: p.csv, column: usd}'),
      'base/p.csv': 'month,usd\n2021-01,5\n',
      'child.yaml': 'extends: base/x.yaml\n',
    });
    const plan = compileScenario(loadScenario(join(dir, 'child.yaml')), { seed: 1 });
    expect(plan.network.btcPriceUsd[11]).toBe(5);
  });

  it('a missing CSV file is reported at the csv node, a missing column at the column node', () => {
    const file = edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {csv: nope.csv, column: usd}');
    expect(problems(file)).toEqual(['x.yaml:5:22 network.btcPriceUsd.csv: expected an existing CSV file, found no such file: nope.csv']);
    const col = edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {csv: p.csv, column: usdd}');
    expect(problems(col, { extra: { 'p.csv': '# prices\nmonth,usd,eur\n2021-01,5,4\n' } })).toEqual([
      'x.yaml:5:37 network.btcPriceUsd.column: expected a column of p.csv (usd, eur), found "usdd" (did you mean "usd"?)',
    ]);
  });

  it('a bad cell of a CSV file is reported at its line and column in the CSV file', () => {
    const text = edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {csv: p.csv, column: usd}');
    expect(problems(text, { extra: { 'p.csv': 'month,usd\n2021-01,5\n2021-02,lots\n' } })).toEqual([
      'p.csv:3:9 network.btcPriceUsd.column: expected a number in column "usd", found "lots"',
    ]);
  });
});
