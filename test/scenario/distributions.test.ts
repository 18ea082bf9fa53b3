import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario, loadScenario } from '../../src/scenario/index.ts';
import { draw, stream } from '../../src/scenario/distributions.ts';
import { gbmPath } from '../../src/scenario/gbm.ts';
import { BASE, edit, problems, writeFiles } from './helpers.ts';

const UNCERTAIN = edit(
  edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: lognormal, median: 40, sigma: 0.2}'),
  'enforcement: 0.9',
  'enforcement: {dist: triangular, min: 0.5, mode: 0.9, max: 1}',
).replace('btcPriceUsd: 40000', 'btcPriceUsd: {gbm: {initial: 40000, driftPerYear: 0.1, volatilityPerYear: 0.6}}');

function planFor(text: string, seed: number) {
  const dir = writeFiles({ 'x.yaml': text });
  return compileScenario(loadScenario(join(dir, 'x.yaml')), { seed });
}

describe('distributions and gbm paths', () => {
  it('a distribution is drawn once per run and recorded in draws by field path', () => {
    const plan = planFor(UNCERTAIN, 1);
    expect(Object.keys(plan.draws).sort()).toEqual(['events.sichuan-ban.enforcement', 'network.initialJPerTh']);
    expect(plan.network.initialJPerTh).toBe(plan.draws['network.initialJPerTh']);
    expect(plan.events[0].type === 'ban' && plan.events[0].enforcement).toBe(plan.draws['events.sichuan-ban.enforcement']);
  });

  it('same seed, same draws and same gbm path; another seed, other ones', () => {
    const a = planFor(UNCERTAIN, 7);
    const b = planFor(UNCERTAIN, 7);
    const c = planFor(UNCERTAIN, 8);
    expect(a.draws).toEqual(b.draws);
    expect(Array.from(a.network.btcPriceUsd)).toEqual(Array.from(b.network.btcPriceUsd));
    expect(a.draws['network.initialJPerTh']).not.toBe(c.draws['network.initialJPerTh']);
    expect(Array.from(a.network.btcPriceUsd)).not.toEqual(Array.from(c.network.btcPriceUsd));
    expect(a.network.btcPriceUsd[0]).toBe(40000);
  });

  it('each field draws from its own stream draw:<path>, so adding a draw elsewhere does not shift it', () => {
    const more = edit(UNCERTAIN, 'initialHashrateEhs: 150', 'initialHashrateEhs: {dist: uniform, min: 100, max: 200}');
    expect(planFor(more, 3).draws['network.initialJPerTh']).toBe(planFor(UNCERTAIN, 3).draws['network.initialJPerTh']);
    expect(planFor(UNCERTAIN, 3).draws['network.initialJPerTh']).toBe(draw({ dist: 'lognormal', median: 40, sigma: 0.2 }, stream(3, 'draw', 'network.initialJPerTh')));
  });

  it('draws stay within their distribution and the field bounds', () => {
    for (let seed = 0; seed < 200; seed++) {
      const x = draw({ dist: 'triangular', min: 0.5, mode: 0.9, max: 1 }, stream(seed, 'draw', 'x'));
      expect(x).toBeGreaterThanOrEqual(0.5);
      expect(x).toBeLessThanOrEqual(1);
      const u = draw({ dist: 'uniform', min: 2, max: 3 }, stream(seed, 'draw', 'u'));
      expect(u >= 2 && u < 3).toBe(true);
    }
    // A normal share can fall below 0: it is clamped to the field's range [0, 1].
    const clamped = edit(BASE, 'enforcement: 0.9', 'enforcement: {dist: normal, mean: 0.99, sd: 5}');
    for (let seed = 0; seed < 20; seed++) {
      const e = planFor(clamped, seed).events[0];
      expect(e.type === 'ban' && e.enforcement >= 0 && e.enforcement <= 1).toBe(true);
    }
  });

  it('a gbm path with no volatility and no drift is flat; its log-returns have the requested volatility', () => {
    expect(Array.from(gbmPath(100, 0, 0, 3, stream(1, 'gbm', 'p')))).toEqual([100, 100, 100]);
    const path = gbmPath(100, 0.1, 0.6, 12 * 400, stream(1, 'gbm', 'p'));
    const r = Array.from(path.slice(1), (v, i) => Math.log(v / path[i]));
    const mean = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1));
    expect(sd * Math.sqrt(12)).toBeCloseTo(0.6, 1);
  });

  it('distribution parameters that make no sense are mistakes', () => {
    expect(problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: uniform, min: 50, max: 30}'))).toEqual([
      'x.yaml:7:48 network.initialJPerTh.max: expected a number >= min (50), found 30',
    ]);
    expect(problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: normal, mean: 40, sd: -1}'))).toEqual([
      'x.yaml:7:47 network.initialJPerTh.sd: expected a number between 0 and 1e12, found -1',
    ]);
    expect(problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: normal, mean: 40}'))).toEqual([
      'x.yaml:7:3 network.initialJPerTh.sd: expected a number between 0 and 1e12, found nothing (missing key)',
    ]);
  });
});
