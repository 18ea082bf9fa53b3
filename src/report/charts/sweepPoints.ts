/**
 * A sweep (points.csv): each metric against each swept parameter, one panel per pair (rows: metrics, columns:
 * parameters); each point's median with its 5-95% range over the point's runs. A parameter whose values are all
 * numbers gets a numeric axis; dates, months and names are placed in order.
 */
import { frame, subtitleOf, type Chart, type VlSpec } from './chart.ts';
import { NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** The metrics of points.csv (prefix of their `_p5/_p50/_p95` columns), with axis titles and formats. */
export const SWEEP_METRICS = [
  { metric: 'share', axis: 'share in the metric month', format: '.0%' },
  { metric: 'trough_depth', axis: 'trough depth (fraction)', format: '.0%' },
  { metric: 'recovery_months', axis: 'months to recover', format: ',.0f' },
  { metric: 'energy_twh', axis: 'energy (TWh)', format: ',.0f' },
  { metric: 'co2_mt', axis: 'CO2 (Mt)', format: ',.0f' },
] as const;

/** @example sweepPoints(readResults('results/sweep'))?.name // 'sweep-metrics' */
export function sweepPoints(folder: ResultsFolder): Chart | undefined {
  const t = folder.points;
  if (!t || t.rows.length === 0) return undefined;
  requireColumns(t, ['point', 'runs'], []);
  const params = t.columns.slice(t.columns.indexOf('point') + 1, t.columns.indexOf('runs'));
  if (params.length === 0) return undefined;
  const metrics = SWEEP_METRICS.filter((m) => t.rows.some((r) => typeof r[`${m.metric}_p50`] === 'number'));
  const first = t.rows[0];
  const shareLabel = typeof first.share_country === 'string' && first.share_month !== undefined ? `${first.share_country} share in ${first.share_month}` : undefined;
  const rowsOf = (metric: string) =>
    t.rows
      .filter((r) => typeof r[`${metric}_p50`] === 'number')
      .map((r) => ({ point: r.point, ...Object.fromEntries(params.map((p, i) => [fieldOf(i), r[p]])), p5: r[`${metric}_p5`], p50: r[`${metric}_p50`], p95: r[`${metric}_p95`] }));
  // Parameter paths hold dots (events.sichuan-ban.effective), which Vega-Lite reads as nesting: fields get plain names.
  const fieldOf = (i: number) => `param${i}`;
  const panel = (m: (typeof SWEEP_METRICS)[number], param: string): VlSpec => {
    const rows = rowsOf(m.metric);
    const field = fieldOf(params.indexOf(param));
    const numeric = rows.every((r) => typeof (r as Record<string, unknown>)[field] === 'number');
    const x = numeric
      ? { field, type: 'quantitative', title: param, scale: { zero: false, padding: 12 } }
      : { field, type: 'ordinal', title: param, sort: 'ascending', axis: { labelAngle: 0 } };
    const axis = m.metric === 'share' && shareLabel ? shareLabel : m.axis;
    return {
      width: 200,
      height: 130,
      data: { values: rows },
      layer: [
        { mark: { type: 'rule', color: NEUTRAL.network, opacity: 0.6 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: axis, axis: { format: m.format } }, y2: { field: 'p95' } } },
        {
          mark: { type: 'point', filled: true, color: NEUTRAL.network, size: 40, tooltip: true },
          encoding: {
            x,
            y: { field: 'p50', type: 'quantitative', title: axis },
            tooltip: [{ field: 'point', type: 'nominal' }, ...params.map((p, i) => ({ field: fieldOf(i), title: p, type: typeof rows[0]?.[fieldOf(i) as keyof (typeof rows)[0]] === 'number' ? 'quantitative' : 'nominal' })), ...['p5', 'p50', 'p95'].map((f) => ({ field: f, type: 'quantitative', format: m.format }))],
          },
        },
      ],
    };
  };
  const title = 'Sweep: each metric against each swept parameter (median and 5-95% over the runs of a point)';
  return {
    name: 'sweep-metrics',
    title,
    series: metrics.flatMap((m) => params.map((p) => `${m.metric} ~ ${p}`)),
    seriesKind: 'panels',
    section: 'Sweep',
    spec: { ...frame(title, subtitleOf(folder.manifest)), vconcat: metrics.map((m) => ({ hconcat: params.map((p) => panel(m, p)) })) },
  };
}
