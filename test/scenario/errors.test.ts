import { describe, expect, it } from 'vitest';
import { ScenarioError, formatIssue, loadScenario } from '../../src/scenario/index.ts';
import { BASE, edit, problems } from './helpers.ts';

describe('a scenario mistake is reported as file:line:column path: expected ..., found ...', () => {
  it('the base scenario of these tests is valid', () => {
    expect(problems(BASE)).toEqual([]);
  });

  it('a word where a Number belongs: expected a number > 0, found "lots"', () => {
    expect(problems(edit(BASE, 'initialHashrateEhs: 150', 'initialHashrateEhs: lots'))).toEqual([
      'x.yaml:6:23 network.initialHashrateEhs: expected a number > 0 and <= 1e6, found "lots"',
    ]);
  });

  it('a word where a TimeValue belongs reads as neither a number nor a formula', () => {
    expect(problems(edit(BASE, 'capacityMw: 500', 'capacityMw: lots'))).toEqual([
      'x.yaml:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9 or a formula, found "lots"',
    ]);
  });

  it('a negative capacity', () => {
    expect(problems(edit(BASE, 'capacityMw: 500', 'capacityMw: -5'))).toEqual([
      'x.yaml:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9, found -5',
    ]);
  });

  it('a month that does not exist', () => {
    expect(problems(edit(BASE, 'start: 2021-01', 'start: 2021-13'))).toEqual([
      'x.yaml:2:8 start: expected a month YYYY-MM from 1900-01 to 2200-12, found "2021-13"',
    ]);
  });

  it('a misspelt key is unknown (with a suggestion) and the real key is missing, pointing at the parent map', () => {
    expect(problems(edit(BASE, 'capacityMw: 500', 'capacityMW: 500'))).toEqual([
      'x.yaml:14:3 regions.KZ.capacityMw: expected a number between 0 and 1e9, a formula, a series or a gbm path, found nothing (missing key)',
      'x.yaml:18:5 regions.KZ: unknown key "capacityMW" (did you mean "capacityMw"?)',
    ]);
  });

  it('an event naming a region that does not exist', () => {
    expect(problems(edit(BASE, 'regions: [CN-SC]', 'regions: [CN-XX]'))).toEqual([
      'x.yaml:22:15 events.sichuan-ban.regions[0]: expected a region id or country code of this scenario, found "CN-XX"',
    ]);
  });

  it('a ban effective before it is announced', () => {
    expect(problems(edit(BASE, 'effective: 2021-06-20', 'effective: 2021-06-01'))).toEqual([
      'x.yaml:24:16 events.sichuan-ban.effective: expected a date on or after announced (2021-06-18), found "2021-06-01"',
    ]);
  });

  it('a ban lifted before it is effective', () => {
    expect(problems(`${BASE}    lifted: 2021-06-19\n`)).toEqual([
      'x.yaml:26:13 events.sichuan-ban.lifted: expected a date after effective (2021-06-20), found "2021-06-19"',
    ]);
  });

  it('a power cut that ends before it starts', () => {
    const text = `${BASE}  - { id: kz-cut, type: powerCut, regions: [KZ], from: 2021-10-01, to: 2021-09-30, fraction: 0.5 }\n`;
    expect(problems(text)).toEqual([
      'x.yaml:26:72 events.kz-cut.to: expected a date after from (2021-10-01), found "2021-09-30"',
    ]);
  });

  it('an end before the start', () => {
    expect(problems(edit(BASE, 'end: 2021-12', 'end: 2020-12'))).toEqual([
      'x.yaml:3:6 end: expected a month on or after start (2021-01), found "2020-12"',
    ]);
  });

  it('two events with the same id', () => {
    const text = `${BASE}  - { id: sichuan-ban, type: priceShock, from: 2021-07-01, multiply: 0.5 }\n`;
    expect(problems(text)).toEqual(['x.yaml:26:11 events[1].id: expected a unique event id, found "sichuan-ban" again (also events[0])']);
  });

  it('initial shares that do not sum to 1', () => {
    expect(problems(edit(BASE, 'initialShare: 0.4', 'initialShare: 0.3'))).toEqual([
      'x.yaml:8:1 regions: expected initialShare values summing to 1 (+-0.001), found a sum of 0.9',
    ]);
  });

  it('a date that is not in the calendar', () => {
    expect(problems(edit(BASE, 'announced: 2021-06-18', 'announced: 2021-02-30'))).toEqual([
      'x.yaml:23:16 events.sichuan-ban.announced: expected a date YYYY-MM-DD, found "2021-02-30"',
    ]);
  });

  it('an event type that does not exist, with a suggestion', () => {
    expect(problems(edit(BASE, 'type: ban', 'type: bann'))).toEqual([
      'x.yaml:21:11 events.sichuan-ban.type: expected one of "ban", "powerCut", "capacity", "tariff", "priceShock", found "bann" (did you mean "ban"?)',
    ]);
  });

  it('a distribution that does not exist, with a suggestion', () => {
    expect(problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {dist: normall, mean: 40, sd: 2}'))).toEqual([
      'x.yaml:7:25 network.initialJPerTh.dist: expected one of "normal", "lognormal", "uniform", "triangular", found "normall" (did you mean "normal"?)',
    ]);
  });

  it('a map that is neither a number nor a distribution', () => {
    expect(problems(edit(BASE, 'initialJPerTh: 40', 'initialJPerTh: {mean: 40}'))).toEqual([
      'x.yaml:7:18 network.initialJPerTh: expected a number > 0 and <= 1e6, found a map without "dist"',
    ]);
  });

  it('a month key of an inline series that is not a month', () => {
    expect(problems(edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {2021-01: 30000, 2021-13: 40000}'))).toEqual([
      'x.yaml:5:33 network.btcPriceUsd: expected a month YYYY-MM from 1900-01 to 2200-12 as key, found "2021-13"',
    ]);
  });

  it('a region id in lower case', () => {
    expect(problems(edit(BASE, '  KZ:\n', '  kz:\n'))).toEqual([
      'x.yaml:14:3 regions: expected a region id like CN-SC or KZ (upper-case letters and digits, optionally -SUB) as key, found "kz"',
    ]);
  });

  it('a formula with an unknown name', () => {
    expect(problems(edit(BASE, 'powerPriceUsdPerKwh: 0.045', 'powerPriceUsdPerKwh: "0.04 + 0.01 * (monthh > 6)"'))).toEqual([
      'x.yaml:17:26 regions.KZ.powerPriceUsdPerKwh: expected a formula of t, month, year, pi, e, found unknown name "monthh" (did you mean "month"?)',
    ]);
  });

  it('a formula that divides by zero in one month names that month', () => {
    expect(problems(edit(BASE, 'powerPriceUsdPerKwh: 0.045', 'powerPriceUsdPerKwh: "0.01 / (month - 3) ^ 2"'))).toEqual([
      'x.yaml:17:26 regions.KZ.powerPriceUsdPerKwh: expected a finite number in every month, found Infinity in 2021-03',
    ]);
  });

  it('a formula that goes below the bound of its field names that month', () => {
    expect(problems(edit(BASE, 'capacityMw: 500', 'capacityMw: "500 - 100 * t"'))).toEqual([
      'x.yaml:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9 in every month, found -100 in 2021-07',
    ]);
  });

  it('a YAML syntax error, at its position', () => {
    expect(problems(edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: [40000'))).toEqual([
      'x.yaml:6:3 (yaml): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('a key written twice', () => {
    expect(problems(`${BASE}end: 2022-01\n`)).toEqual(['x.yaml:26:1 (yaml): invalid YAML: Map keys must be unique']);
  });

  it('an empty file', () => {
    expect(problems('# nothing here\n')).toEqual(['x.yaml:1:1 (file): expected a scenario, found an empty file']);
  });

  it('a list instead of a map', () => {
    expect(problems('- a\n- b\n')).toEqual(['x.yaml:1:1 (root): expected a map of scenario settings, found a list']);
  });

  it('a file that does not exist', () => {
    expect(() => loadScenario('test/fixtures/scenarios/nope.yaml')).toThrowError(
      new ScenarioError([
        { file: 'test/fixtures/scenarios/nope.yaml', line: 1, column: 1, path: '(file)', message: 'expected an existing scenario file, found no such file: test/fixtures/scenarios/nope.yaml' },
      ]),
    );
  });

  it('a missing required section', () => {
    expect(problems(edit(BASE, 'start: 2021-01\n', ''))).toEqual(['x.yaml:1:1 start: expected a month YYYY-MM from 1900-01 to 2200-12, found nothing (missing key)']);
  });

  it('every problem is reported at once, in file order', () => {
    let text = edit(BASE, 'start: 2021-01', 'start: 2021-13');
    text = edit(text, 'capacityMw: 500', 'capacityMw: -5');
    text = edit(text, 'type: ban', 'type: bann');
    expect(problems(text)).toEqual([
      'x.yaml:2:8 start: expected a month YYYY-MM from 1900-01 to 2200-12, found "2021-13"',
      'x.yaml:18:17 regions.KZ.capacityMw: expected a number between 0 and 1e9, found -5',
      'x.yaml:21:11 events.sichuan-ban.type: expected one of "ban", "powerCut", "capacity", "tariff", "priceShock", found "bann" (did you mean "ban"?)',
    ]);
  });

  it('at most 20 problems are listed; the rest are counted', () => {
    const many = Array.from({ length: 30 }, (_, i) => `unknown${i}: 1`).join('\n');
    try {
      loadScenario('/dev/null');
    } catch {
      // (an empty file; just checking nothing else is thrown)
    }
    const lines = problems(`${BASE}${many}\n`);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('x.yaml:26:1 (root): unknown key "unknown0"');
  });

  it('formatIssue writes file:line:column path: message, and --set path: message for an override', () => {
    expect(formatIssue({ file: 'a.yaml', line: 3, column: 5, path: 'end', message: 'expected x, found y' })).toBe('a.yaml:3:5 end: expected x, found y');
    expect(formatIssue({ file: '--set', line: 1, column: 1, path: 'end', message: 'expected x, found y' })).toBe('--set end: expected x, found y');
  });
});

describe('--set mistakes are reported as --set path: ...', () => {
  it('a value of the wrong type', () => {
    expect(problems(BASE, { sets: ['events.sichuan-ban.effective=2021-13-01'] })).toEqual([
      '--set events.sichuan-ban.effective: expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found "2021-13-01"',
    ]);
  });

  it('an unknown key, with a suggestion', () => {
    expect(problems(BASE, { sets: ['regions.KZ.capacityMW=5'] })).toEqual([
      '--set regions.KZ.capacityMW: unknown --set path: no key "capacityMW" in regions.KZ (did you mean "capacityMw"?)',
    ]);
  });

  it('an unknown event id', () => {
    expect(problems(BASE, { sets: ['events.sichuan-bam.effective=2021-09-01'] })).toEqual([
      '--set events.sichuan-bam.effective: unknown --set path: expected an event id of this scenario, found "sichuan-bam" (did you mean "sichuan-ban"?)',
    ]);
  });

  it('an unknown region', () => {
    expect(problems(BASE, { sets: ['regions.KX.capacityMw=5'] })).toEqual([
      '--set regions.KX.capacityMw: unknown --set path: regions has no "KX" (did you mean "KZ"?)',
    ]);
  });

  it('no = sign', () => {
    expect(problems(BASE, { sets: ['end'] })).toEqual(['--set end: expected path=value (e.g. events.sichuan-ban.effective=2021-09-01), found "end"']);
  });

  it('a value that is not YAML', () => {
    expect(problems(BASE, { sets: ['events.sichuan-ban.regions=[KZ'] })).toEqual([
      '--set events.sichuan-ban.regions: expected a YAML value, found "[KZ" (Flow sequence must end with a ])',
    ]);
  });

  it('a value that breaks a cross-check', () => {
    expect(problems(BASE, { sets: ['events.sichuan-ban.regions=[US]'] })).toEqual([
      '--set events.sichuan-ban.regions[0]: expected a region id or country code of this scenario, found "US"',
    ]);
  });

  it('regions that are not a map are reported there, not as every name that refers to a region (found by fuzzing: 7:2874, 7:6715)', () => {
    expect(problems(BASE, { sets: ['regions=5.000001'] })).toEqual(['--set regions: expected a map of regions by id, with 1 to 100 regions, found 5.000001']);
    expect(problems(BASE, { sets: ['regions={gbm: {initial: 0.5}}'] })).toEqual(['--set regions: expected a region id like CN-SC or KZ (upper-case letters and digits, optionally -SUB) as key, found "gbm"']);
  });
});
