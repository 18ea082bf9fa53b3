/** One palette: a country keeps its colour in every chart; regions get distinct colours; labels never overlap. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COUNTRY_COLOURS, countryScale, REGION_FIXED, regionScale } from '../../../src/report/charts/palette.ts';
import { eventMarkers } from '../../../src/report/charts/eventMarkers.ts';
import type { EventRecord } from '../../../src/report/charts/resultsFolder.ts';

const KNOWN = Object.keys(COUNTRY_COLOURS);

describe('palette', () => {
  test('countryScale keeps the fixed colour of a known country whatever else is charted', () => {
    fc.assert(
      fc.property(fc.subarray([...KNOWN, 'DE', 'IE', 'XX']), (countries) => {
        const sorted = [...countries].sort();
        const { domain, range } = countryScale(sorted);
        expect(domain).toEqual(sorted);
        domain.forEach((c, i) => {
          if (c in COUNTRY_COLOURS) expect(range[i]).toBe(COUNTRY_COLOURS[c]);
        });
      }),
    );
  });

  test('the fixed country colours are distinct, and so are the colours of up to eight regions', () => {
    expect(new Set(Object.values(COUNTRY_COLOURS)).size).toBe(KNOWN.length);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...Object.keys(REGION_FIXED), 'KZ', 'US', 'RU-IRK', 'CA'), { maxLength: 8 }), (regions) => {
        const { range } = regionScale([...regions].sort());
        expect(new Set(range).size).toBe(regions.length);
      }),
    );
  });
});

describe('event markers', () => {
  const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const event = (n: number, id: string): EventRecord => ({ date: day(n), month: day(n).slice(0, 7), event: id, type: 'ban', phase: 'effective', regions: [] });

  test('labels on one row never overlap (width estimated at 5.6 px per character)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 364 }), fc.stringMatching(/^[a-z-]{1,20}$/)), { maxLength: 12 }), (list) => {
        const markers = eventMarkers(list.map(([n, id]) => event(n, id)), () => true, '2021-01', '2021-12', 640);
        const x = (date: string) => ((Date.parse(date) - Date.UTC(2021, 0, 1)) / 86_400_000 / 365) * 640;
        const rows = new Map<number, { from: number; to: number }[]>();
        for (const m of markers) {
          const span = { from: x(m.date), to: x(m.date) + m.label.length * 5.6 + 8 };
          for (const other of rows.get(m.row) ?? []) expect(span.from > other.to || span.to < other.from).toBe(true);
          rows.set(m.row, [...(rows.get(m.row) ?? []), span]);
        }
      }),
    );
  });

  test('events of the same day share one label; events outside the months are left out', () => {
    const markers = eventMarkers([event(10, 'a-ban'), event(10, 'b-ban'), event(400, 'late-ban')], () => true, '2021-01', '2021-12', 640);
    expect(markers).toEqual([{ date: '2021-01-11', label: 'a-ban, b-ban', row: 0 }]);
  });
});
