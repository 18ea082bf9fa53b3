/**
 * What the shipped scenarios must show (issue: core). Each reads the scenario as a user would
 * (loadScenario + runScenario) and runs it at its default seed.
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/run/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import type { Trajectory } from '../../src/model/trajectory.ts';

function run(file: string, seed?: number): Trajectory {
  const resolved = loadScenario(file);
  return runScenario(resolved, seed ?? resolved.defaultSeed).trajectory;
}

/** Share of hashing hashrate (active + hidden) of a country in a month; `activeOnly` counts active machines only. */
function countryShare(t: Trajectory, month: string, country: string, activeOnly = false): number {
  const s = t.months.indexOf(month);
  expect(s, month).toBeGreaterThanOrEqual(0);
  let mine = 0;
  let total = 0;
  for (let r = 0; r < t.regionCount; r++) {
    const k = s * t.regionCount + r;
    const hashing = t.region.activeThs[k] + t.region.hiddenThs[k];
    total += hashing;
    if (t.plan.regions[r].country === country) mine += activeOnly ? t.region.activeThs[k] : hashing;
  }
  return mine / total;
}

const hashing = (t: Trajectory, month: string) => t.network.hashingThs[t.months.indexOf(month)];

describe('china-2021 (the historical backtest)', () => {
  const t = run('scenarios/china-2021.yaml');

  test('network hashrate in July 2021 is at least 30% below May 2021', () => {
    expect(hashing(t, '2021-07')).toBeLessThanOrEqual(0.7 * hashing(t, '2021-05'));
  });

  test('China (active, not hidden) is under 5% of hashing hashrate in August 2021', () => {
    expect(countryShare(t, '2021-08', 'CN', true)).toBeLessThan(0.05);
  });

  test('the US, Kazakhstan and Russia each gain share between April and August 2021', () => {
    for (const country of ['US', 'KZ', 'RU']) {
      expect(countryShare(t, '2021-08', country), country).toBeGreaterThan(countryShare(t, '2021-04', country));
    }
  });

  test('miners hide in China after the bans: hidden hashrate is counted apart and is above 0 in August 2021', () => {
    expect(countryShare(t, '2021-08', 'CN')).toBeGreaterThan(countryShare(t, '2021-08', 'CN', true));
  });
});

describe('no-ban (the counterfactual)', () => {
  const t = run('scenarios/no-ban.yaml');

  test('China keeps more than 35% of hashing hashrate in every month of 2021', () => {
    const months2021 = t.months.filter((m) => m.startsWith('2021'));
    expect(months2021).toHaveLength(12);
    for (const month of months2021) expect(countryShare(t, month, 'CN'), month).toBeGreaterThan(0.35);
  });
});

describe('seeds', () => {
  test('different seeds give different agents but the same shape (the July 2021 drop holds for seeds 2 and 3)', () => {
    const a = run('scenarios/china-2021.yaml', 2);
    const b = run('scenarios/china-2021.yaml', 3);
    expect(a.months).toEqual(b.months);
    expect(Array.from(a.region.activeThs)).not.toEqual(Array.from(b.region.activeThs));
    for (const t of [a, b]) expect(hashing(t, '2021-07')).toBeLessThanOrEqual(0.7 * hashing(t, '2021-05'));
  });
});
