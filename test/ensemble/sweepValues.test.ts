import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalNumber, parseParam, SweepArgError } from '../../src/ensemble/sweepValues.ts';

const levels = (typed: string) => {
  const p = parseParam(typed);
  if (!('levels' in p)) throw new Error('expected levels');
  return p.levels;
};
const error = (typed: string) => {
  try {
    parseParam(typed);
  } catch (e) {
    expect(e).toBeInstanceOf(SweepArgError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${typed}`);
};

describe('parseParam: lists', () => {
  it('splits a list on commas and keeps the path', () => {
    const p = parseParam('behaviour.hideProbability=0.05,0.1,0.2');
    expect(p).toMatchObject({ path: 'behaviour.hideProbability', kind: 'number', levels: ['0.05', '0.1', '0.2'] });
  });
  it('one value is a list of one', () => {
    expect(levels('agents.count=2000')).toEqual(['2000']);
  });
  it('writes numbers canonically (0.050 is 0.05)', () => {
    expect(levels('x=0.050,1e-3,+2')).toEqual(['0.05', '0.001', '2']);
  });
  it('does not split inside brackets, braces or quotes', () => {
    expect(levels('events.x.regions=[CN-SC],[CN-SC, CN-YN],"a,b",{dist: normal, mean: 1, sd: 0.1}')).toEqual([
      '[CN-SC]',
      '[CN-SC, CN-YN]',
      '"a,b"',
      '{dist: normal, mean: 1, sd: 0.1}',
    ]);
  });
  it('knows months and dates in a list', () => {
    expect(parseParam('x=2021-04,2021-07').kind).toBe('month');
    expect(parseParam('x=2021-04-20,2021-07-20').kind).toBe('date');
    expect(parseParam('x=2021-04,abc').kind).toBe('text');
  });
});

describe('parseParam: ranges', () => {
  it('0.02..0.08:7 is seven evenly spaced values, both ends included, without float noise', () => {
    expect(levels('behaviour.hideProbability=0.02..0.08:7')).toEqual(['0.02', '0.03', '0.04', '0.05', '0.06', '0.07', '0.08']);
  });
  it('integer ends without a count step by 1', () => {
    expect(levels('agents.count=1..4')).toEqual(['1', '2', '3', '4']);
    expect(levels('x=-2..1')).toEqual(['-2', '-1', '0', '1']);
  });
  it('decimal ends without a count are a continuous range', () => {
    expect(parseParam('x=0.02..0.08')).toMatchObject({ kind: 'number', continuous: { lo: 0.02, hi: 0.08 } });
  });
  it('a range of one value needs the count 1', () => {
    expect(levels('x=0.5..0.5:1')).toEqual(['0.5']);
  });
  it('month ranges: every month from the first to the last', () => {
    expect(levels('events.sichuan-ban.effective=2021-04..2021-12')).toEqual([
      '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12',
    ]);
    expect(levels('x=2021-11..2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  });
  it('month ranges with a step of K months keep the last month only when reached', () => {
    expect(levels('x=2021-04..2021-10:3m')).toEqual(['2021-04', '2021-07', '2021-10']);
    expect(levels('x=2021-04..2021-09:3')).toEqual(['2021-04', '2021-07']);
  });
  it('date ranges are monthly on the first date\'s day, clamped to short months', () => {
    expect(levels('x=2021-04-20..2021-07-20')).toEqual(['2021-04-20', '2021-05-20', '2021-06-20', '2021-07-20']);
    expect(levels('x=2021-01-31..2021-04-30')).toEqual(['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30']);
    expect(levels('x=2020-01-31..2020-03-01')).toEqual(['2020-01-31', '2020-02-29']);
  });
  it('date ranges step by days or months when asked', () => {
    expect(levels('x=2021-06-20..2021-07-10:7d')).toEqual(['2021-06-20', '2021-06-27', '2021-07-04']);
    expect(levels('x=2021-01-15..2021-12-15:6m')).toEqual(['2021-01-15', '2021-07-15']);
  });
});

describe('parseParam: mistakes quote what was typed', () => {
  it.each([
    ['behaviour.hideProbability', '--param behaviour.hideProbability: expected PATH=VALUES (e.g. behaviour.hideProbability=0.02..0.08:7), found "behaviour.hideProbability"'],
    ['=1,2', '--param =1,2: expected PATH=VALUES (e.g. behaviour.hideProbability=0.02..0.08:7), found "=1,2"'],
    ['a..b=1', '--param a..b=1: expected a dotted scenario path like events.sichuan-ban.effective, found "a..b"'],
    ['x=', '--param x=: expected values after "=", found nothing'],
    ['x=1,,2', '--param x=1,,2: expected a value between commas, found an empty one in "1,,2"'],
    ['x=1,2,1', '--param x=1,2,1: expected distinct values, found "1" twice'],
    ['x=[1,2', '--param x=[1,2: unclosed bracket in "[1,2"'],
    ['x=0.08..0.02:7', "--param x=0.08..0.02:7: expected the range's end (0.02) at or above its start (0.08)"],
    ['x=0.02..0.08:1', '--param x=0.02..0.08:1: expected a count from 2 to 10000 after ":", found 1'],
    ['x=0.02..0.08:seven', '--param x=0.02..0.08:seven: expected a count of values after ":" (e.g. 0.02..0.08:7), found "seven"'],
    ['x=2021-13..2021-12', '--param x=2021-13..2021-12: expected a numeric range lo..hi:n, a month range YYYY-MM..YYYY-MM or a date range YYYY-MM-DD..YYYY-MM-DD, found "2021-13"'],
    ['x=2021-04..2021-12-20', '--param x=2021-04..2021-12-20: expected a numeric range lo..hi:n, a month range YYYY-MM..YYYY-MM or a date range YYYY-MM-DD..YYYY-MM-DD, found "2021-12-20" (the two ends are a month and a date)'],
    ['x=2021-12..2021-04', "--param x=2021-12..2021-04: expected the range's end (2021-04) at or after its start (2021-12)"],
    ['x=2021-04..2021-12:7d', '--param x=2021-04..2021-12:7d: expected a step like 2m (every 2 months) after ":", found "7d"'],
    ['x=2021-02-30..2021-12-20', '--param x=2021-02-30..2021-12-20: expected a numeric range lo..hi:n, a month range YYYY-MM..YYYY-MM or a date range YYYY-MM-DD..YYYY-MM-DD, found "2021-02-30"'],
    ['x=1..100000', '--param x=1..100000: expected at most 10000 values, found 100000'],
  ])('%s', (typed, message) => {
    expect(error(typed)).toBe(message);
  });
});

describe('parseParam properties', () => {
  it('a counted range has n distinct increasing values from lo to hi', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 50 }), (a, width, n) => {
        const lo = a / 100;
        const hi = (a + width) / 100;
        const values = levels(`x=${lo}..${hi}:${n}`).map(Number);
        expect(values).toHaveLength(n);
        expect(values[0]).toBe(Number(canonicalNumber(lo)));
        expect(values[n - 1]).toBe(Number(canonicalNumber(hi)));
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
      }),
    );
  });
  it('a month range has (hi - lo) / K + 1 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), (start, span, k) => {
        const fmt = (m: number) => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        const values = levels(`x=${fmt(start)}..${fmt(start + span)}:${k}m`);
        expect(values).toHaveLength(Math.floor(span / k) + 1);
        expect(values[0]).toBe(fmt(start));
      }),
    );
  });
});
