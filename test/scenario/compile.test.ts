import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileScenario, explainScenario, loadScenario } from '../../src/scenario/index.ts';
import { BASE, writeFiles } from './helpers.ts';

const THREE = `${BASE.replace('  KZ:\n', '  CN-XJ:\n    country: CN\n    powerPriceUsdPerKwh: 0.04\n    capacityMw: 100\n  KZ:\n')}  - { id: cn-ban, type: ban, regions: [CN], announced: 2021-05-21, effective: 2021-09-24, lifted: 2022-01-01, enforcement: 0.5 }
  - { id: shock, type: priceShock, from: 2021-07-01, multiply: 0.5 }
moves:
  default: { leadMonths: 3, costUsdPerTh: 2 }
  withinCountry: { leadMonths: 1, costUsdPerTh: 0.5 }
  routes:
    - { from: CN, to: KZ, leadMonths: 1.5 }
    - { from: [KZ], to: CN-SC, tariffShare: 0.25 }
`;

function plan(text: string) {
  const dir = writeFiles({ 'x.yaml': text });
  return compileScenario(loadScenario(join(dir, 'x.yaml')), { seed: 1 });
}

describe('compileScenario', () => {
  it('regions are sorted by id; month arrays cover start..end inclusive', () => {
    const p = plan(THREE);
    expect(p.regions.map((r) => r.id)).toEqual(['CN-SC', 'CN-XJ', 'KZ']);
    expect(p.startMonth).toBe(2021 * 12);
    expect(p.months).toBe(12);
    expect(p.regions.every((r) => r.capacityMw.length === 12 && r.powerPriceUsdPerKwh.length === 12)).toBe(true);
    expect(p.regions[1].initialShare).toBe(0);
    expect(p.regions[0].congestionThreshold).toBe(0.8);
    expect(p.agents.count).toBe(2000);
  });

  it('event dates become day numbers and country codes expand to all regions of that country', () => {
    const p = plan(THREE);
    expect(p.events).toEqual([
      { id: 'sichuan-ban', type: 'ban', regions: [0], announced: 18796, effective: 18798, enforcement: 0.9, enforcementHalfLifeMonths: 0 },
      { id: 'cn-ban', type: 'ban', regions: [0, 1], announced: 18768, effective: 18894, lifted: 18993, enforcement: 0.5, enforcementHalfLifeMonths: 0 },
      { id: 'shock', type: 'priceShock', regions: [], from: 18809, multiply: 0.5 },
    ]);
  });

  it('moves: zero diagonal, withinCountry for the same country, default otherwise, then routes in order', () => {
    const p = plan(THREE);
    const R = 3;
    const at = (m: Float64Array, from: number, to: number) => m[from * R + to];
    expect([0, 1, 2].map((i) => at(p.moves.leadMonths, i, i))).toEqual([0, 0, 0]);
    expect(at(p.moves.leadMonths, 0, 1)).toBe(1); // CN-SC -> CN-XJ, same country
    expect(at(p.moves.costUsdPerTh, 0, 1)).toBe(0.5);
    expect(at(p.moves.leadMonths, 0, 2)).toBe(1.5); // CN -> KZ route
    expect(at(p.moves.leadMonths, 1, 2)).toBe(1.5);
    expect(at(p.moves.costUsdPerTh, 0, 2)).toBe(2); // the route does not name the cost
    expect(at(p.moves.leadMonths, 2, 0)).toBe(3); // KZ -> CN-SC keeps the default lead
    expect(at(p.moves.tariffShare, 2, 0)).toBe(0.25);
    expect(at(p.moves.tariffShare, 2, 1)).toBe(0);
  });

  it('compiling never changes the resolved scenario', () => {
    const dir = writeFiles({ 'x.yaml': THREE });
    const r = loadScenario(join(dir, 'x.yaml'));
    const before = JSON.stringify(r.data);
    compileScenario(r, { seed: 5 });
    expect(JSON.stringify(r.data)).toBe(before);
  });
});

describe('explainScenario', () => {
  it('prints every value with its origin, and the output reads back as the same scenario', () => {
    const r = loadScenario('test/fixtures/scenarios/extends/child.yaml', { sets: ['regions.KZ.capacityMw=900'] });
    const text = explainScenario(r);
    expect(text).toContain('name: child # default\n');
    expect(text).toContain('start: 2021-01 # test/fixtures/scenarios/minimal.yaml:4\n');
    expect(text).toContain('end: 2022-06 # test/fixtures/scenarios/extends/child.yaml:4\n');
    expect(text).toContain('    capacityMw: 900 # --set\n');
    expect(text).toContain('    effective: 2021-09-01 # test/fixtures/scenarios/extends/child.yaml:9\n');
    expect(text).toContain('  hideProbability: 0.15 # default\n');
    expect(parse(text)).toEqual(r.data);
  });
});
