import { describe, expect, it } from 'vitest';
import { designPoints } from '../../src/ensemble/sweepDesign.ts';
import { pointOverrides, SweepPointsError, validatePoints } from '../../src/ensemble/sweepOverrides.ts';
import { parseParam } from '../../src/ensemble/sweepValues.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const china = loadScenario('scenarios/china-2021.yaml');
const points = (...typed: string[]) => designPoints(typed.map(parseParam), { design: 'factorial' });

describe('pointOverrides', () => {
  it('a month where the scenario has a date takes its day, and the event moves whole', () => {
    const [p] = points('events.sichuan-ban.effective=2021-08');
    expect(pointOverrides(china, p)).toEqual(['events.sichuan-ban.announced=2021-08-18', 'events.sichuan-ban.effective=2021-08-20']);
  });
  it('the notice period is kept across a month boundary', () => {
    const [p] = points('events.china-national-ban.effective=2021-06-01');
    // announced 2021-05-21, effective 2021-09-24: 126 days of notice.
    expect(pointOverrides(china, p)).toEqual(['events.china-national-ban.announced=2021-01-26', 'events.china-national-ban.effective=2021-06-01']);
  });
  it("'fixed' changes the swept date alone; a date swept explicitly is not moved", () => {
    const [p] = points('events.sichuan-ban.effective=2021-08');
    expect(pointOverrides(china, p, 'fixed')).toEqual(['events.sichuan-ban.effective=2021-08-20']);
    const [q] = points('events.sichuan-ban.effective=2021-08', 'events.sichuan-ban.announced=2021-07-01');
    expect(pointOverrides(china, q)).toEqual(['events.sichuan-ban.announced=2021-07-01', 'events.sichuan-ban.effective=2021-08-20']);
  });
  it('overrides are sorted by path, whatever the order of --param', () => {
    const [a] = points('events.sichuan-ban.effective=2021-08', 'behaviour.hideProbability=0.1');
    const [b] = points('behaviour.hideProbability=0.1', 'events.sichuan-ban.effective=2021-08');
    expect(pointOverrides(china, a)).toEqual(pointOverrides(china, b));
    expect(pointOverrides(china, a)[0]).toBe('behaviour.hideProbability=0.1');
  });
  it('other paths pass through unchanged', () => {
    const [p] = points('behaviour.hideProbability=0.1');
    expect(pointOverrides(china, p)).toEqual(['behaviour.hideProbability=0.1']);
  });
});

describe('validatePoints', () => {
  it('returns every point\'s overrides when all are valid', () => {
    const all = validatePoints(china, points('events.sichuan-ban.effective=2021-04..2021-05'));
    expect(all).toEqual([
      ['events.sichuan-ban.announced=2021-04-18', 'events.sichuan-ban.effective=2021-04-20'],
      ['events.sichuan-ban.announced=2021-05-18', 'events.sichuan-ban.effective=2021-05-20'],
    ]);
  });
  it('names each failing point and the scenario problem, before anything runs', () => {
    let caught: unknown;
    try {
      validatePoints(china, points('events.sichuan-ban.effective=2021-04,2021-08', 'behaviour.hideProbability=0.1,lots'), 'fixed');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SweepPointsError);
    expect((caught as SweepPointsError).lines).toMatchInlineSnapshot(`
      [
        "point p0000 (behaviour.hideProbability=0.1;events.sichuan-ban.effective=2021-04): --set events.sichuan-ban.effective: expected a date on or after announced (2021-06-18), found "2021-04-20"",
        "point p0001 (behaviour.hideProbability=lots;events.sichuan-ban.effective=2021-04): --set behaviour.hideProbability: expected a number between 0 and 1, found "lots"",
        "point p0001 (behaviour.hideProbability=lots;events.sichuan-ban.effective=2021-04): --set events.sichuan-ban.effective: expected a date on or after announced (2021-06-18), found "2021-04-20"",
        "point p0003 (behaviour.hideProbability=lots;events.sichuan-ban.effective=2021-08): --set behaviour.hideProbability: expected a number between 0 and 1, found "lots"",
      ]
    `);
  });
});
