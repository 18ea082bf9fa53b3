/**
 * The site values of the capacity market (src/model/valuation.ts): the per-month table (`SiteValueTable`) gives
 * the same values as the plain sum over horizon months (`siteValueUsdPerTh`) for every region, lead and machine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KWH_PER_MONTH_PER_WATT } from '../../src/model/economics.ts';
import { SiteValueTable, siteValueUsdPerTh } from '../../src/model/valuation.ts';

describe('SiteValueTable', () => {
  it('equals siteValueUsdPerTh for random horizons, leads, efficiencies and hashprices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.constantFrom(0, 0.5, 1, 1.5, 3, 4), { minLength: 4, maxLength: 4 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.12, noNaN: true })), { minLength: 48, maxLength: 48 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 15, max: 120, noNaN: true }),
        (H, routeLeads, cells, hashprice, jPerTh) => {
          const R = 2;
          const tables = { horizonMonths: H, horizonWeight: new Float64Array(R * H), horizonPrice: new Float64Array(R * H), generation: 1 };
          for (let k = 0; k < R * H; k++) {
            tables.horizonWeight[k] = cells[k % cells.length][0] < 0.2 ? 0 : cells[k % cells.length][0];
            tables.horizonPrice[k] = cells[k % cells.length][1];
          }
          const table = new SiteValueTable(R, H, Float64Array.from(routeLeads));
          const opex = 0.3;
          for (let r = 0; r < R; r++) {
            for (let route = 0; route < R * R; route++) {
              const expected = siteValueUsdPerTh(tables, r, hashprice, opex, jPerTh, routeLeads[route]);
              const got = table.value(tables, r, table.routeLead[route], hashprice - opex, KWH_PER_MONTH_PER_WATT * jPerTh);
              expect(got).toBeCloseTo(expected, 9);
            }
            expect(table.value(tables, r, SiteValueTable.LEAD_1, hashprice - opex, KWH_PER_MONTH_PER_WATT * jPerTh)).toBeCloseTo(siteValueUsdPerTh(tables, r, hashprice, opex, jPerTh, 1), 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is rebuilt when the horizon tables change (a new generation)', () => {
    const tables = { horizonMonths: 2, horizonWeight: Float64Array.of(1, 1), horizonPrice: Float64Array.of(0.05, 0.05), generation: 1 };
    const table = new SiteValueTable(1, 2, Float64Array.of(0));
    const kwh = KWH_PER_MONTH_PER_WATT * 30;
    const before = table.value(tables, 0, SiteValueTable.LEAD_0, 10, kwh);
    expect(before).toBeCloseTo(2 * (10 - kwh * 0.05), 12);
    tables.horizonPrice.fill(0.02);
    expect(table.value(tables, 0, SiteValueTable.LEAD_0, 10, kwh)).toBe(before); // same generation: cached
    tables.generation++;
    expect(table.value(tables, 0, SiteValueTable.LEAD_0, 10, kwh)).toBeCloseTo(2 * (10 - kwh * 0.02), 12);
  });
});
