import { describe, expect, it } from 'vitest';
import { canonicalJson, formatIssue, loadScenario, ScenarioError } from '../../src/scenario/index.ts';
import { BASE, problems } from './helpers.ts';

const DIR = 'test/fixtures/scenarios';
const F = (name: string) => `${DIR}/${name}`;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}

describe('extends, remove and --set', () => {
  it('a child inherits its parent: maps merge deeply, events merge by id, remove drops parent events, name is not inherited', () => {
    const r = loadScenario(F('extends/child.yaml'));
    const d = r.data as any;
    expect(r.name).toBe('child');
    expect(d.name).toBe('child');
    expect(d.end).toBe('2022-06');
    expect(d.start).toBe('2021-01');
    expect(d.regions.KZ).toEqual({
      country: 'KZ',
      initialShare: 0.2,
      powerPriceUsdPerKwh: 0.045,
      capacityMw: 800,
      banHazardPerYear: 0,
      carbonGPerKwh: 500,
      congestion: { threshold: 0.8, slope: 0.5 },
      buildOut: { mwPerMonth: 0, leadMonths: 6, trigger: 0.9 },
    });
    expect(d.events).toEqual([
      { id: 'sichuan-ban', type: 'ban', regions: ['CN-SC'], announced: '2021-06-18', effective: '2021-09-01', enforcement: 0.9, enforcementHalfLifeMonths: 0 },
      { id: 'kz-cut', type: 'powerCut', regions: ['KZ'], from: '2021-10-01', to: '2022-01-01', fraction: 0.5 },
    ]);
    expect('extends' in d || 'remove' in d).toBe(false);
  });

  it('origins point at the file each value came from', () => {
    const r = loadScenario(F('extends/child.yaml'));
    expect(r.origins.get('regions.KZ.capacityMw')).toBe(`${DIR}/extends/child.yaml:7:17`);
    expect(r.origins.get('regions.KZ.country')).toBe(`${DIR}/minimal.yaml:22:14`);
    expect(r.origins.get('events.sichuan-ban.effective')).toBe(`${DIR}/extends/child.yaml:9:35`);
    expect(r.origins.get('events.sichuan-ban.announced')).toBe(`${DIR}/minimal.yaml:27:64`);
    expect(r.origins.get('behaviour.hideProbability')).toBe('default');
  });

  it('chains work: a grandchild sees both ancestors', () => {
    const d = loadScenario(F('extends/grandchild.yaml')).data as any;
    expect(d.name).toBe('grandchild');
    expect(d.network.btcPriceUsd).toBe(50000);
    expect(d.regions.KZ.capacityMw).toBe(800);
    expect(d.events.map((e: any) => e.id)).toEqual(['sichuan-ban', 'kz-cut']);
  });

  it('a series, distribution or gbm value is replaced as a whole, not merged key by key', () => {
    const d = loadScenario(F('extends/grandchild.yaml'), { sets: ['network.btcPriceUsd={2021-03: 1, 2021-04: 2}'] }).data as any;
    expect(d.network.btcPriceUsd).toEqual({ '2021-03': 1, '2021-04': 2 });
  });

  it('--set applies after extends and remove, addresses events by id and regions by id, and is validated', () => {
    const r = loadScenario(F('extends/child.yaml'), {
      sets: ['events.sichuan-ban.effective=2021-10-01', 'regions.KZ.capacityMw=2500', 'events.kz-cut.regions=[CN]', 'behaviour.hideProbability=0.3'],
    });
    const d = r.data as any;
    expect(d.events[0].effective).toBe('2021-10-01');
    expect(d.events[1].regions).toEqual(['CN']);
    expect(d.regions.KZ.capacityMw).toBe(2500);
    expect(d.behaviour.hideProbability).toBe(0.3);
    expect(r.origins.get('events.sichuan-ban.effective')).toBe('--set');
    expect(r.origins.get('regions.KZ.capacityMw')).toBe('--set');
    expect(r.origins.get('behaviour.hideProbability')).toBe('--set');
  });

  it('the hash depends on the resolved data only', () => {
    const a = loadScenario(F('extends/child.yaml'));
    const b = loadScenario(F('extends/child.yaml'), { sets: ['end=2022-06'] });
    const c = loadScenario(F('extends/child.yaml'), { sets: ['end=2022-07'] });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('a cycle is an error that names it', () => {
    expect(issuesOf(() => loadScenario(F('extends/cycle-a.yaml')))).toEqual([
      `${DIR}/extends/cycle-b.yaml:1:10 extends: expected a scenario that does not extend itself, found the cycle ${DIR}/extends/cycle-a.yaml -> ${DIR}/extends/cycle-b.yaml -> ${DIR}/extends/cycle-a.yaml`,
    ]);
  });

  it('a mistake in a parent file points into the parent file; remove naming an unknown event points into the child', () => {
    expect(issuesOf(() => loadScenario(F('extends/bad-child.yaml')))).toEqual([
      `${DIR}/extends/bad-child.yaml:2:10 remove[0]: expected the id of an event of ${DIR}/extends/bad-parent.yaml, found "nope"`,
      `${DIR}/extends/bad-parent.yaml:7:18 network.initialJPerTh: expected a number > 0 and <= 1e6, found -40`,
    ]);
  });

  it('a parent that does not exist is reported at the extends value', () => {
    expect(problems(`extends: nope.yaml\n${BASE}`)).toEqual(['x.yaml:1:10 extends: expected an existing scenario file, found no such file: nope.yaml']);
  });

  it('remove without extends is a mistake', () => {
    expect(problems(`remove: [sichuan-ban]\n${BASE}`)).toEqual([
      'x.yaml:1:1 remove: expected `extends` next to `remove` (remove drops events of a parent scenario), found no `extends`',
    ]);
  });

  it('an event override in a child can be checked against the merged event', () => {
    const child = 'extends: x.yaml\nevents:\n  - { id: sichuan-ban, effective: 2021-06-01 }\n';
    expect(problems(child, { file: 'y.yaml', extra: { 'x.yaml': BASE } })).toEqual([
      'y.yaml:3:35 events.sichuan-ban.effective: expected a date on or after announced (2021-06-18), found "2021-06-01"',
    ]);
  });

  it('JSON scenarios are read too, with positions', () => {
    const json = JSON.stringify({ extends: 'x.yaml', end: '2021-13' }, null, 2);
    expect(problems(json, { file: 'y.json', extra: { 'x.yaml': BASE } })).toEqual(['y.json:3:10 end: expected a month YYYY-MM from 1900-01 to 2200-12, found "2021-13"']);
  });
});
