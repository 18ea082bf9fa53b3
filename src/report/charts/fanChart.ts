/**
 * Fan charts of an ensemble's summaries: the 5-95% band, the 25-75% band and the median of a variable by month,
 * one panel per key (country), in the key's colour. Used per country (hashrate, share) and for the network.
 */
import { distinct, frame, monthX, MONTH_TOOLTIP, subtitleOf, type Chart, type VlSpec } from './chart.ts';
import { requireColumns, type Table } from './tidyCsv.ts';

/** What differs between fan charts. */
export interface FanOptions {
  name: string;
  title: string;
  /** Panel key column (`country`), or undefined for one panel per variable (the network). */
  key?: string;
  /** Variables shown, with their axis titles (units) and formats. */
  variables: { variable: string; axis: string; format: string }[];
  /** Colour scale of the keys (or of the variables). */
  scale: { domain: string[]; range: string[] };
  section?: string;
}

/** Builds a fan chart from a summary table (`month,[key,]variable,runs,mean,p5,p25,p50,p75,p95`). */
export function fanChart(t: Table, manifest: Parameters<typeof subtitleOf>[0], o: FanOptions): Chart | undefined {
  // A sweep's summaries hold every point (a `point` column): one fan per point would be needed; its folder gets
  // the sweep's own chart instead (each point's summaries are in points/pNNNN/, a folder `report` can chart).
  if (t.columns.includes('point')) return undefined;
  requireColumns(t, ['month', 'variable', ...(o.key ? [o.key] : [])], []);
  const wanted = new Map(o.variables.map((v) => [v.variable, v]));
  const rows = t.rows.filter((r) => wanted.has(String(r.variable)) && ['p5', 'p25', 'p50', 'p75', 'p95'].every((p) => typeof r[p] === 'number'));
  if (rows.length === 0) return undefined;
  const panel = o.key ?? 'label';
  const labelOf = (variable: string) => wanted.get(variable)!.axis;
  const values = rows.map((r) => ({
    month: r.month,
    [panel]: o.key ? r[o.key] : labelOf(String(r.variable)),
    variable: r.variable,
    p5: r.p5,
    p25: r.p25,
    p50: r.p50,
    p75: r.p75,
    p95: r.p95,
  }));
  const keys = o.key ? distinct(rows, o.key) : o.variables.filter((v) => rows.some((r) => r.variable === v.variable)).map((v) => v.axis);
  const only = o.variables.length === 1 ? o.variables[0] : undefined;
  const color = { field: panel, type: 'nominal', title: o.key ?? null, scale: o.key ? o.scale : { domain: keys, range: o.scale.range }, sort: keys };
  const x = { ...monthX(), title: null };
  const yTitle = only ? only.axis : 'unit in the panel title';
  const format = only ? only.format : ',.3~s';
  const layers: VlSpec[] = [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: yTitle, axis: { format } }, y2: { field: 'p95' }, color } },
    { mark: { type: 'area', opacity: 0.4 }, encoding: { x, y: { field: 'p25', type: 'quantitative', title: yTitle }, y2: { field: 'p75' }, color } },
    {
      mark: { type: 'line', strokeWidth: 1.8, point: { size: 10 }, tooltip: true },
      encoding: {
        x,
        y: { field: 'p50', type: 'quantitative', title: yTitle },
        color,
        tooltip: [MONTH_TOOLTIP, { field: panel, type: 'nominal', title: o.key ?? 'variable' }, ...['p5', 'p25', 'p50', 'p75', 'p95'].map((p) => ({ field: p, type: 'quantitative', title: p === 'p50' ? 'median' : p, format }))],
      },
    },
  ];
  return {
    name: o.name,
    title: o.title,
    series: keys,
    section: o.section ?? 'Ensemble',
    spec: {
      ...frame(o.title, subtitleOf(manifest)),
      data: { values },
      facet: { field: panel, type: 'nominal', title: null, sort: keys },
      columns: o.key ? 3 : 1,
      spec: { width: o.key ? 220 : 600, height: o.key ? 120 : 110, layer: layers },
      resolve: { scale: { y: 'independent' } },
    },
  };
}
