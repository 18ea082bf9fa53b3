/**
 * Chart specs built from the small fixed results folders in test/fixtures/results/: which charts each kind of
 * folder gets, and their marks, fields and encodings.
 */
import { describe, expect, test } from 'vitest';
import { chartsOf, readResults, type Chart, type VlSpec } from '../../../src/report/charts/index.ts';
import { COUNTRY_COLOURS } from '../../../src/report/charts/palette.ts';
import { parseCsv } from '../../../src/report/charts/tidyCsv.ts';

const FIX = 'test/fixtures/results';
const byName = (dir: string) => new Map(chartsOf(readResults(`${FIX}/${dir}`)).map((c) => [c.name, c]));
const spec = (c: Chart | undefined) => c!.spec as Record<string, any>;

describe('a run folder gets seven charts', () => {
  const charts = byName('run-ban');

  test('in report order', () => {
    expect([...charts.keys()]).toEqual(['hashrate-by-country', 'share-by-country', 'china-provinces', 'network', 'flows', 'energy-by-country', 'co2-by-country']);
  });

  test('hashrate by country: bars stacked from zero, a month axis in UTC, a colour per country from the palette', () => {
    const s = spec(charts.get('hashrate-by-country'));
    const bars = s.layer[0];
    expect(bars.mark.type).toBe('bar');
    expect(bars.encoding.y).toMatchObject({ field: 'hashrate_ehs', type: 'quantitative', stack: 'zero', title: 'hashrate (EH/s)' });
    expect(bars.encoding.x).toMatchObject({ field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'month' });
    expect(bars.encoding.color.scale).toEqual({ domain: ['CN', 'KZ', 'US'], range: [COUNTRY_COLOURS.CN, COUNTRY_COLOURS.KZ, COUNTRY_COLOURS.US] });
    expect(bars.data.values).toHaveLength(6 * 3);
    expect(s.title).toEqual({ text: 'Hashing hashrate by country', subtitle: 'run-ban, seed 3' });
    expect(charts.get('hashrate-by-country')!.series).toEqual(['CN', 'KZ', 'US']);
  });

  test('event markers: a dashed rule and a label at each ban taking effect and the halving, never the announcements', () => {
    const s = spec(charts.get('hashrate-by-country'));
    const [rule, text] = s.layer.slice(1);
    expect(rule.mark).toMatchObject({ type: 'rule', strokeDash: [4, 3] });
    expect(rule.encoding.x).toMatchObject({ field: 'date', timeUnit: 'utcyearmonthdate' });
    expect(rule.data.values.map((v: any) => [v.date, v.label])).toEqual([
      ['2021-03-01', 'xinjiang-ban'],
      ['2021-04-05', 'sichuan-ban'],
      ['2021-05-11', 'halving'],
    ]);
    expect(text.mark.type).toBe('text');
    expect(text.encoding.text.field).toBe('label');
    expect(text.encoding.y.scale).toBeNull();
  });

  test('shares are stacked to 100%', () => {
    const bars = spec(charts.get('share-by-country')).layer[0];
    expect(bars.encoding.y).toMatchObject({ field: 'share', stack: 'normalize', axis: { format: '.0%' } });
  });

  test("China's provinces: a line per Chinese region, with the bans that touch them marked (not the halving)", () => {
    const c = charts.get('china-provinces')!;
    expect(c.series).toEqual(['CN-SC', 'CN-XJ']);
    const s = spec(c);
    expect(s.layer[0].mark.type).toBe('line');
    expect(s.layer[0].encoding.color.field).toBe('region');
    expect(s.layer[0].data.values.every((v: any) => v.region.startsWith('CN-'))).toBe(true);
    expect(s.layer[1].data.values.map((v: any) => v.label)).toEqual(['xinjiang-ban', 'sichuan-ban']);
  });

  test('network: hashrate and difficulty-implied hashrate as lines, blocks per month as bars, with the 4320 target', () => {
    const c = charts.get('network')!;
    expect(c.series).toEqual(['hashing hashrate', 'difficulty-implied hashrate', 'blocks per month']);
    const [top, bottom] = spec(c).vconcat;
    const lines = top.layer[0];
    expect(lines.mark.type).toBe('line');
    expect(lines.transform.at(-1).fold).toEqual(['hashing hashrate', 'difficulty-implied hashrate']);
    expect(lines.encoding.y.title).toBe('hashrate (EH/s)');
    expect(bottom.layer[0].mark.type).toBe('bar');
    expect(bottom.layer[0].encoding.y).toMatchObject({ field: 'blocks', title: 'blocks per month' });
    expect(bottom.layer[1].data.values).toEqual([{ blocks: 4320 }]);
  });

  test('flows: EH/s summed per origin and destination from the first ban announced to six months after the last takes effect', () => {
    const c = charts.get('flows')!;
    expect(c.seriesKind).toBe('cells');
    expect(c.title).toBe('Hashrate moved from each origin to each destination, 2021-02 to 2021-06');
    const s = spec(c);
    expect(s.data.values).toEqual([
      { from: 'CN-SC', to: 'KZ', hashrate_ehs: 3 },
      { from: 'CN-SC', to: 'US', hashrate_ehs: 9 },
      { from: 'CN-XJ', to: 'KZ', hashrate_ehs: 8 },
      { from: 'CN-XJ', to: 'US', hashrate_ehs: 6 },
      { from: 'KZ', to: 'US', hashrate_ehs: 1.5 },
    ]);
    expect(s.layer[0].mark.type).toBe('rect');
    expect(s.layer[0].encoding.color).toMatchObject({ field: 'hashrate_ehs', scale: { scheme: 'viridis' } });
    expect(s.layer[1].encoding.text.field).toBe('hashrate_ehs');
  });

  test('energy and CO2 by country, with units on the axes', () => {
    expect(spec(charts.get('energy-by-country')).layer[0].encoding.y).toMatchObject({ field: 'energy_twh', title: 'energy (TWh per month)' });
    expect(spec(charts.get('co2-by-country')).layer[0].encoding.y).toMatchObject({ field: 'co2_mt', title: 'CO2 (Mt per month)' });
  });

  test('a folder without bans gets no flow window cut and no ban markers', () => {
    const c = byName('run-noban');
    expect(c.get('flows')!.title).toContain('2021-01 to 2021-06');
    expect(spec(c.get('china-provinces')).layer).toHaveLength(1);
  });
});

describe('an ensemble folder gets fan charts', () => {
  const charts = byName('ensemble');

  test('per country (hashrate and share) and for the network', () => {
    expect([...charts.keys()]).toEqual(['fan-hashrate-by-country', 'fan-share-by-country', 'fan-network']);
  });

  test('a fan: the 5-95% band, the 25-75% band and the median, one panel per country in its colour', () => {
    const s = spec(charts.get('fan-hashrate-by-country'));
    expect(s.facet.field).toBe('country');
    const [outer, inner, median] = s.spec.layer;
    expect([outer.mark.type, outer.encoding.y.field, outer.encoding.y2.field, outer.mark.opacity]).toEqual(['area', 'p5', 'p95', 0.2]);
    expect([inner.mark.type, inner.encoding.y.field, inner.encoding.y2.field, inner.mark.opacity]).toEqual(['area', 'p25', 'p75', 0.4]);
    expect([median.mark.type, median.encoding.y.field]).toEqual(['line', 'p50']);
    expect(median.encoding.color.scale.range).toEqual([COUNTRY_COLOURS.CN, COUNTRY_COLOURS.KZ, COUNTRY_COLOURS.US]);
    expect(s.data.values.every((v: any) => v.variable === 'hashrate_ehs')).toBe(true);
    expect(s.resolve.scale.y).toBe('independent');
  });

  test('the network fan has a panel per variable, with units', () => {
    expect(charts.get('fan-network')!.series).toEqual(['hashrate (EH/s)', 'hashprice (USD per TH/s per month)', 'energy (TWh per month)', 'CO2 (Mt per month)']);
  });

  test('the subtitle names the scenario, the runs and the master seed', () => {
    expect(spec(charts.get('fan-network')).title.subtitle).toBe('ensemble, 10 runs, master seed 5');
  });
});

test("a sweep's pooled summaries (a point column) get no fan chart: each point's folder does", () => {
  const summary = parseCsv('point,month,country,variable,runs,mean,p5,p25,p50,p75,p95\n0,2021-01,CN,hashrate_ehs,2,1,1,1,1,1,1\n1,2021-01,CN,hashrate_ehs,2,2,2,2,2,2,2\n', 'summary_countries.csv');
  expect(chartsOf({ dir: 'x', summaryCountries: summary })).toEqual([]);
});

describe('a backtest folder', () => {
  const charts = byName('backtest');

  test('gets the shares of each view and the network hashrate', () => {
    expect([...charts.keys()]).toEqual(['backtest-network-hashrate', 'backtest-shares-map', 'backtest-shares-raw']);
  });

  test('bands and median of the model, observed solid and the baselines dashed', () => {
    const s = spec(charts.get('backtest-shares-raw'));
    const [outer, inner, median, lines] = s.spec.layer;
    expect([outer.encoding.y.field, outer.encoding.y2.field]).toEqual(['sim_p5', 'sim_p95']);
    expect([inner.encoding.y.field, inner.encoding.y2.field]).toEqual(['sim_p25', 'sim_p75']);
    expect(median.encoding.y.field).toBe('sim_median');
    expect(lines.transform[0].fold).toEqual(['observed', 'persistence', 'trend', 'random walk']);
    expect(lines.encoding.strokeDash.scale.range[0]).toEqual([1, 0]);
    for (const dash of lines.encoding.strokeDash.scale.range.slice(1)) expect(dash.length).toBeGreaterThan(1);
    expect(charts.get('backtest-shares-raw')!.series).toEqual(['CN', 'US', 'observed', 'persistence', 'trend', 'random walk']);
  });
});

describe('a sweep folder', () => {
  const c = byName('sweep').get('sweep-metrics')!;

  test('has a panel per metric with values and swept parameter', () => {
    const rows = spec(c).vconcat as VlSpec[];
    expect(rows).toHaveLength(4); // recovery_months is empty in the fixture
    for (const row of rows) expect((row.hconcat as unknown[]).length).toBe(2);
    expect(c.series).toContain('trough_depth ~ behaviour.hideProbability');
    expect(c.series).not.toContain('recovery_months ~ behaviour.hideProbability');
  });

  test('a numeric parameter gets a numeric axis, months are placed in order; dotted paths become plain fields', () => {
    const [dates, numbers] = (spec(c).vconcat[0].hconcat as any[]).map((p) => p.layer[1].encoding.x);
    expect(dates).toMatchObject({ field: 'param0', type: 'ordinal', title: 'events.sichuan-ban.effective' });
    expect(numbers).toMatchObject({ field: 'param1', type: 'quantitative', title: 'behaviour.hideProbability' });
    expect(spec(c).vconcat[0].hconcat[0].layer[0].encoding.y.title).toBe('CN share in 2021-08');
  });
});

describe('a calibration folder', () => {
  const charts = byName('calibrate');

  test('gets the posterior per parameter and the pairs', () => {
    expect([...charts.keys()]).toEqual(['calibration-posterior', 'calibration-pairs']);
  });

  test('each histogram integrates to 1', () => {
    const values = spec(charts.get('calibration-posterior')).data.values as any[];
    for (const parameter of ['behaviour.hideProbability', 'moves.leadMonths']) {
      for (const source of ['posterior', 'first generation (from the prior)']) {
        const bins = values.filter((v) => v.parameter === parameter && v.source === source);
        expect(bins).toHaveLength(20);
        expect(bins.reduce((a, v) => a + v.density * (v.bin1 - v.bin0), 0)).toBeCloseTo(1, 9);
      }
      const prior = values.find((v) => v.parameter === parameter && v.source === 'prior 90% interval');
      expect(prior.bin0).toBeLessThan(prior.bin1);
    }
  });

  test('pairs: each parameter against each other, point area by weight', () => {
    const c = charts.get('calibration-pairs')!;
    expect(c.series).toEqual(['moves.leadMonths ~ behaviour.hideProbability']);
    const cell = spec(c).vconcat[0].hconcat[0];
    expect(cell.mark.type).toBe('circle');
    expect(cell.encoding.size.field).toBe('weight');
    expect(spec(c).title.subtitle).toBe('fixture, master seed 9');
  });
});

describe('every chart', () => {
  const all = ['run-ban', 'run-noban', 'ensemble', 'backtest', 'sweep', 'calibrate'].flatMap((d) => chartsOf(readResults(`${FIX}/${d}`)));

  test('has a title, a white background, the Vega-Lite schema and inline data only', () => {
    for (const c of all) {
      const s = c.spec as Record<string, any>;
      expect(s.title.text, c.name).toBe(c.title);
      expect(s.background).toBe('white');
      expect(s.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(JSON.stringify(s)).not.toMatch(/"url"\s*:/);
    }
  });

  test('names its series, and titles every y axis it draws (units in brackets, or a unit alone in small multiples)', () => {
    for (const c of all) expect(c.series.length, c.name).toBeGreaterThan(0);
    const yTitles: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, any>;
        if (o.encoding?.y?.type === 'quantitative' && o.encoding.y.field && o.encoding.y.scale !== null) yTitles.push(o.encoding.y.title);
        Object.values(o).forEach(walk);
      }
    };
    for (const c of all) walk(c.spec);
    expect(yTitles.length).toBeGreaterThan(30);
    for (const t of yTitles) expect(typeof t === 'string' && t.length > 1 ? 'titled' : t).toBe('titled');
  });
});
