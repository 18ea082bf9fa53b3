/**
 * A month with no hashing at all (every machine switched off or gone) has no shares to speak of: every share
 * is written as 0 (documented in README.md and results/README.md), so a month's shares sum to 1 when anything
 * hashes and to 0 when nothing does; never NaN.
 */
import { describe, expect, test } from 'vitest';
import { renderOutputs, shares } from '../../src/report/index.ts';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

describe('months with no hashing at all', () => {
  test('shares([0, 0, 0]) are all 0, never NaN', () => {
    expect(shares([0, 0, 0])).toEqual([0, 0, 0]);
  });

  test('with a Bitcoin price of 0 every machine stops: those months have every share 0, the others sum to 1', () => {
    const resolved = loadScenario('scenarios/small.yaml', { sets: ['network.btcPriceUsd=0'] });
    const files = renderOutputs(runScenario(resolved, 1).trajectory, resolved);
    for (const name of ['countries.csv', 'regions.csv']) {
      const [head, ...rows] = files.get(name)!.trim().split('\n');
      const columns = head.split(',');
      const byMonth = new Map<string, { hashing: number; shares: number }>();
      for (const row of rows) {
        const cells = row.split(',');
        const month = byMonth.get(cells[0]) ?? { hashing: 0, shares: 0 };
        month.hashing += Number(cells[columns.indexOf('hashrate_ehs')]);
        month.shares += Number(cells[columns.indexOf('share')]);
        byMonth.set(cells[0], month);
      }
      const idle = [...byMonth.values()].filter((m) => m.hashing === 0);
      expect(idle.length, name).toBeGreaterThan(6);
      for (const m of idle) expect(m.shares).toBe(0);
      for (const m of byMonth.values()) if (m.hashing > 0) expect(Math.abs(m.shares - 1)).toBeLessThan(1e-5);
      expect(files.get(name)).not.toMatch(/NaN|Infinity|null/);
    }
  });
});
