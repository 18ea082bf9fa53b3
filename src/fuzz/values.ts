/**
 * Values the fuzzer writes into scenarios: extreme and edge numbers, words, formulas (hostile and numerically
 * wild), dates and months out of range, maps and lists where numbers belong, distributions, series, CSV and gbm
 * values, paths to special files. Each comes as a plain JSON value, written into YAML by the mutations.
 */
import type { Chooser } from './random.ts';

/** Paths the cases create or name (see cases.ts): a named pipe and a directory in the case folder. */
export const SPECIAL_PATHS = ['/dev/zero', '/dev/null', '/etc/passwd', '/proc/self/environ', 'pipe.fifo', 'a-folder', '/nonexistent/x.yaml'] as const;

/** Edge and extreme numbers. */
export const NUMBERS: readonly number[] = [
  0, -0, -1, 1, 0.5, 2, 3, 12, 100, 12345.678, -0.001, 1e-300, 1e-12, 1e-9, 1e-7, 1e-6, 1e6, 1e6 + 1, 1e9, 1e9 + 1, 1e12, 1e12 + 1,
  1e15, 1e21, 1e100, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 9_999_999, 10_000_000, 10_000_001, 1_000_000, 5_000_000, 1201, 1200, 0.999999,
  1.000001, 5, 5.000001, 1000, 1000.5,
];

/** Words, formulas, dates and odd text. */
export const STRINGS: readonly string[] = [
  '', ' ', 'lots', 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty',
  't', 't * 1e300', '1/0', '0/0', '-1/0', 'log(0)', 'sqrt(-1)', 'exp(1000)', 't ^ 1000', '10 ^ 400', 'pi * 1e308', 'year - 3000',
  'month > 6 ? 1 : -1', 'mod(t, 0)', 'max()', 'round(t, 400)', 'import("fs")', 'cos.constructor("return process")()', 'f(x) = x',
  '[1, 2]', '"text"', 't +', 'e ^ e ^ e ^ e', 'constructor + 1', '__proto__ * 2', `${'abs('.repeat(150)}1${')'.repeat(150)}`,
  `${'-'.repeat(3000)}1`, `${'('.repeat(2000)}1${')'.repeat(2000)}`, `t${' + t'.repeat(400)}`,
  '2021-13', '2021-02-30', '2021-02-29', '1899-12', '2201-01', '0999-01', '0001-01-01', '9999-12', '2200-12', '1900-01',
  '2021-06-18', '2021-6-1', 'CN', 'XX', 'US', 'cn', 'OTHER', 'data/btc_price_monthly.csv', '../../../../etc/passwd', 'x'.repeat(5000),
  '\u0000', '\u202e', '🙂', '${PATH}', '$(id)', '%s%s%s', 'null', 'true', '~', 'yes', '0o17', '.inf', '-.inf', '.nan',
];

/** A random plain value: a number, a word, true/false/null, or a small list or map. */
export function randomValue(c: Chooser, depth = 0): unknown {
  const kind = c.weighted({ number: 30, string: 30, special: 6, literal: 6, list: 5, map: 5, dist: 8, series: 5, csv: 3, gbm: 2 });
  switch (kind) {
    case 'number':
      return c.pick(NUMBERS) * (c.chance(0.1) ? -1 : 1);
    case 'string':
      return c.pick(STRINGS);
    case 'special':
      return c.pick(SPECIAL_PATHS);
    case 'literal':
      return c.pick([true, false, null]);
    case 'list':
      return depth > 1 ? [] : Array.from({ length: c.int(0, 3) }, () => randomValue(c, depth + 1));
    case 'map':
      return depth > 1 ? {} : Object.fromEntries(Array.from({ length: c.int(0, 2) }, () => [c.pick(['a', 'dist', 'csv', 'gbm', '2021-01', '__proto__', 'constructor']), randomValue(c, depth + 1)]));
    case 'dist':
      return randomDistribution(c);
    case 'series':
      return Object.fromEntries(Array.from({ length: c.int(1, 3) }, () => [c.pick(['2019-01', '2021-01', '2021-06', '2030-01', '2200-12', '1899-01', '2021-13']), c.pick(NUMBERS)]));
    case 'csv':
      return { csv: c.pick([...SPECIAL_PATHS, 'data/btc_price_monthly.csv', 'data/network_hashrate_daily.csv', 'data/FACTS.md', 'bad.csv']), column: c.pick(['btc_usd_mean', 'Hash Rate', 'x', '']) };
    case 'gbm':
      return { gbm: { initial: c.pick(NUMBERS), driftPerYear: c.pick(NUMBERS), volatilityPerYear: c.pick(NUMBERS) } };
  }
}

/** A distribution, sensible or not. */
export function randomDistribution(c: Chooser): Record<string, unknown> {
  const n = () => (c.chance(0.8) ? c.pick(NUMBERS) : c.pick(STRINGS));
  switch (c.pick(['normal', 'lognormal', 'uniform', 'triangular', 'beta', 'normall'])) {
    case 'normal':
      return { dist: 'normal', mean: n(), sd: n() };
    case 'lognormal':
      return { dist: 'lognormal', median: n(), sigma: n() };
    case 'uniform':
      return { dist: 'uniform', min: n(), max: n() };
    case 'triangular':
      return { dist: 'triangular', min: n(), mode: n(), max: n() };
    default:
      return { dist: c.pick(['beta', 'normall', 'Normal']), mean: n() };
  }
}
