/**
 * A mistake is reported where it was written: when two values disagree (an effective date before the
 * announcement, shares that no longer sum to 1, min above max, a run too large), the one written last (a child
 * over its parent, a --set over any file) is blamed, at its own position.
 */
import { describe, expect, it } from 'vitest';
import { writeRank, writtenLast } from '../../src/scenario/writtenOrder.ts';
import { BASE, edit, problems } from './helpers.ts';

const parent = { 'base.yaml': BASE };

describe('the value written last is blamed', () => {
  it('writeRank: --set above the child, the child above its parent', () => {
    const files = ['child.yaml', 'base.yaml'];
    const at = (file: string, line = 1) => ({ file, line, column: 1 });
    expect(writeRank(at('--set', 2), files)).toBeGreaterThan(writeRank(at('--set', 1), files));
    expect(writeRank(at('--set', 1), files)).toBeGreaterThan(writeRank(at('child.yaml'), files));
    expect(writeRank(at('child.yaml'), files)).toBeGreaterThan(writeRank(at('base.yaml'), files));
    expect(writtenLast(['a', 'b', 'c'], (x) => ({ a: 1, b: 2, c: 2 })[x]!)).toBe('b');
  });

  it('a share changed by a child breaks the sum: reported at the child share', () => {
    expect(problems('extends: base.yaml\nregions:\n  KZ: { initialShare: 0.5 }\n', { extra: parent })).toEqual([
      'x.yaml:3:23 regions.KZ.initialShare: expected initialShare values summing to 1 (+-0.001), found a sum of 1.1',
    ]);
  });

  it('a share changed by --set is reported as a --set mistake', () => {
    expect(problems(BASE, { sets: ['regions.KZ.initialShare=0.3'] })).toEqual([
      '--set regions.KZ.initialShare: expected initialShare values summing to 1 (+-0.001), found a sum of 0.9',
    ]);
  });

  it('shares all written in one file are reported at regions, as before', () => {
    expect(problems(edit(BASE, 'initialShare: 0.4', 'initialShare: 0.3'))).toEqual([
      'x.yaml:8:1 regions: expected initialShare values summing to 1 (+-0.001), found a sum of 0.9',
    ]);
  });

  it('an announcement moved by --set after the effective date written in the file: at the --set', () => {
    expect(problems(BASE, { sets: ['events.sichuan-ban.announced=2021-07-01'] })).toEqual([
      '--set events.sichuan-ban.announced: expected a date on or before effective (2021-06-20), found "2021-07-01"',
    ]);
    expect(problems(BASE, { sets: ['events.sichuan-ban.effective=2021-06-01'] })).toEqual([
      '--set events.sichuan-ban.effective: expected a date on or after announced (2021-06-18), found "2021-06-01"',
    ]);
  });

  it('an announcement moved by a child: in the child file', () => {
    const child = 'extends: base.yaml\nevents:\n  - { id: sichuan-ban, announced: 2021-07-01 }\n';
    expect(problems(child, { extra: parent })).toEqual([
      'x.yaml:3:35 events.sichuan-ban.announced: expected a date on or before effective (2021-06-20), found "2021-07-01"',
    ]);
  });

  it('a start moved by a child after the end of its parent: at the child start', () => {
    expect(problems('extends: base.yaml\nstart: 2022-03\n', { extra: parent })).toEqual([
      'x.yaml:2:8 start: expected a month on or before end (2021-12), found "2022-03"',
    ]);
  });

  it('a distribution bound set by --set against one written in the file: at the --set', () => {
    const text = edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: uniform, min: 30, max: 50}');
    expect(problems(text, { sets: ['network.initialJPerTh.min=60'] })).toEqual([
      '--set network.initialJPerTh.min: expected a number <= max (50), found 60',
    ]);
  });

  it('a run made too large by a --set is blamed on the --set', () => {
    const text = `${edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: 40\n  supplyEhsPerMonth: 5')}agents:\n  newAgentSizeEhs: 0.1\n`;
    const found = problems(text, { sets: ['network.supplyEhsPerMonth=100000'] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^--set network\.supplyEhsPerMonth: expected a run of at most 10,000,000 agents/);
  });
});

describe('a formula out of range because of a series', () => {
  it('a series changed by a child that drives its parent formula out of range: at the child series', () => {
    const base = edit(BASE, 'capacityMw: 500', 'capacityMw: "cap * 2"').replace('regions:', 'series:\n  cap: {2021-01: 250}\nregions:');
    expect(problems('extends: base.yaml\nseries:\n  cap: {2021-01: -5}\n', { extra: { 'base.yaml': base } })).toEqual([
      'x.yaml:3:3 series.cap: expected a value with which regions.KZ.capacityMw = "cap * 2" is a number between 0 and 1e9 in every month, found -10 in 2021-01',
    ]);
  });

  it('the same in one file is the formula\'s doing, as before', () => {
    const text = edit(BASE, 'capacityMw: 500', 'capacityMw: "cap * 2"').replace('regions:', 'series:\n  cap: {2021-01: -5}\nregions:');
    expect(problems(text)).toEqual(['x.yaml:20:17 regions.KZ.capacityMw: expected a number between 0 and 1e9 in every month, found -10 in 2021-01']);
  });
});

describe('a gbm path out of range because of a --set parameter', () => {
  it('is reported at the --set', () => {
    const text = edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {gbm: {initial: 40000, driftPerYear: 0.1, volatilityPerYear: 0}}').replace('end: 2021-12', 'end: 2031-12');
    expect(problems(text, { sets: ['network.btcPriceUsd.gbm.driftPerYear=3'] })).toEqual([
      '--set network.btcPriceUsd.gbm.driftPerYear: expected a value with which network.btcPriceUsd is a number between 0 and 1e9 in every month, found 1131301676.813396 in 2024-06',
    ]);
  });
});

describe('an event whose type a child changed', () => {
  it('the fields its parent wrote for the old type are reported at the new type, in the child', () => {
    const found = problems('extends: base.yaml\nevents:\n  - { id: sichuan-ban, type: powerCut }\n', { extra: parent });
    expect(found).toContain(
      'x.yaml:3:30 events.sichuan-ban.type: expected a type that fits the fields written for this event, found "powerCut": events.sichuan-ban (base.yaml:23:5): unknown key "announced"',
    );
    expect(found).toContain('x.yaml:3:5 events.sichuan-ban.from: expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found nothing (missing key)');
    expect(found.every((line) => line.startsWith('x.yaml:'))).toBe(true);
  });
});

describe('a point of a named series changed by --set', () => {
  it('is blamed when it drives a formula out of range', () => {
    const text = edit(BASE, 'capacityMw: 500', 'capacityMw: "cap * 2"').replace('regions:', 'series:\n  cap: {2021-01: 250}\nregions:');
    expect(problems(text, { sets: ['series.cap.2021-01=-5'] })).toEqual([
      '--set series.cap.2021-01: expected a value with which regions.KZ.capacityMw = "cap * 2" is a number between 0 and 1e9 in every month, found -10 in 2021-01',
    ]);
  });

  it('a long text is quoted in short', () => {
    const long = 'X'.repeat(5000);
    expect(problems(edit(BASE, 'regions: [CN-SC]', `regions: [CN-SC, ${long}]`))).toContain(
      `x.yaml:22:22 events.sichuan-ban.regions[1]: expected a region id or country code of this scenario, found "${'X'.repeat(57)}..."`,
    );
  });
});
