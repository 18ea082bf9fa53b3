import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fixed, shares, toCsv } from '../../src/report/index.ts';

describe('csv', () => {
  test('fixed(value, decimals) prints fixed decimals and never "-0"', () => {
    expect(fixed(1 / 3, 3)).toBe('0.333');
    expect(fixed(-1e-12, 6)).toBe('0.000000');
    expect(fixed(-0, 2)).toBe('0.00');
    expect(fixed(-1.5, 1)).toBe('-1.5');
  });

  test('toCsv joins a header and rows with commas and ends with a newline', () => {
    expect(toCsv(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('a,b\n1,2\n3,4\n');
  });
});

describe('shares', () => {
  test('shares([1, 3]) is [0.25, 0.75]', () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
  });

  test('shares of a zero total are all 0', () => {
    expect(shares([0, 0])).toEqual([0, 0]);
  });

  test('shares of positive values sum to 1 within 1e-12', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        fc.pre(values.some((v) => v > 0));
        const sum = shares(values).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});

describe('the engine knows nothing about Bitcoin', () => {
  test('no file of src/engine/ mentions bitcoin, btc, hashrate, miners or halvings', () => {
    for (const file of readdirSync('src/engine')) {
      const text = readFileSync(`src/engine/${file}`, 'utf8');
      expect(text, file).not.toMatch(/bitcoin|btc|hashrate|miner|halving/i);
    }
  });
});

describe('committed outputs', () => {
  test('in every results/*/countries.csv, the shares of each month sum to 1 (to 6 decimals)', () => {
    // Run folders only (they hold countries.csv); results/ also holds screenshots of the browser test.
    const runs = readdirSync('results', { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`results/${d.name}/countries.csv`));
    expect(runs.length).toBeGreaterThanOrEqual(9);
    for (const dir of runs) {
      const lines = readFileSync(`results/${dir.name}/countries.csv`, 'utf8').trim().split('\n').slice(1);
      const byMonth = new Map<string, number>();
      for (const line of lines) {
        const [month, , hashrate, share] = line.split(',');
        if (Number(hashrate) > 0 || !byMonth.has(month)) byMonth.set(month, (byMonth.get(month) ?? 0) + Number(share));
      }
      for (const [month, sum] of byMonth) expect(Math.abs(sum - 1), `${dir.name} ${month}`).toBeLessThan(1e-5);
    }
  });
});
