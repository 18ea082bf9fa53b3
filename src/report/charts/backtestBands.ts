/**
 * A backtest (backtest.csv): the ensemble's median with its 25-75% and 5-95% bands against the observed values
 * (black), and the three baselines (persistence, trend, random walk) dashed. One chart for the country shares of
 * each view (raw model output, or as the CBECI map would see it), one for the network's hashrate (and efficiency).
 */
import { frame, monthX, MONTH_TOOLTIP, subtitleOf, type Chart, type VlSpec } from './chart.ts';
import { countryScale, NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns, type Row } from './tidyCsv.ts';

/** The lines drawn over the bands: observed, then the baselines (dashed), with their colours. */
export const BACKTEST_LINES = [
  { column: 'observed', label: 'observed', dash: [1, 0] },
  { column: 'persistence', label: 'persistence', dash: [6, 3] },
  { column: 'trend', label: 'trend', dash: [2, 2] },
  { column: 'random_walk', label: 'random walk', dash: [8, 3, 2, 3] },
] as const;

const UNITS: Record<string, { axis: string; format: string; what: string }> = {
  share_pct: { axis: 'share (%)', format: ',.0f', what: 'Country shares' },
  hashrate_ehs: { axis: 'hashrate (EH/s)', format: ',.0f', what: 'Network hashrate' },
  efficiency_j_per_th: { axis: 'efficiency (J/TH)', format: ',.1f', what: 'Network efficiency' },
};

function panelLayers(colour: VlSpec, axis: string, format: string): VlSpec[] {
  const x = { ...monthX(), title: null };
  const labels = BACKTEST_LINES.map((l) => l.label);
  return [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'sim_p5', type: 'quantitative', title: axis, axis: { format } }, y2: { field: 'sim_p95' }, color: colour } },
    { mark: { type: 'area', opacity: 0.4 }, encoding: { x, y: { field: 'sim_p25', type: 'quantitative', title: axis }, y2: { field: 'sim_p75' }, color: colour } },
    {
      mark: { type: 'line', strokeWidth: 2, tooltip: true },
      encoding: {
        x,
        y: { field: 'sim_median', type: 'quantitative', title: axis },
        color: colour,
        tooltip: [MONTH_TOOLTIP, ...['sim_p5', 'sim_p25', 'sim_median', 'sim_p75', 'sim_p95', 'observed'].map((f) => ({ field: f, type: 'quantitative', format: '.2f' }))],
      },
    },
    {
      // Observed (solid black) and the baselines (dashed grey), told apart by their dashes.
      transform: [{ fold: labels, as: ['line', 'value'] }],
      mark: { type: 'line', strokeWidth: 1.5, tooltip: true },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', title: axis },
        color: { condition: { test: "datum.line === 'observed'", value: NEUTRAL.observed }, value: '#666666' },
        strokeDash: { field: 'line', type: 'nominal', title: 'observed and baselines', sort: labels, scale: { domain: labels, range: BACKTEST_LINES.map((l) => l.dash) }, legend: { symbolStrokeColor: '#444444', symbolType: 'stroke', labelLimit: 0 } },
        tooltip: [MONTH_TOOLTIP, { field: 'line', type: 'nominal', title: 'series' }, { field: 'value', type: 'quantitative', format: '.2f' }],
      },
    },
  ];
}

function chartOf(folder: ResultsFolder, rows: Row[], quantity: string, view: string, name: string): Chart {
  const u = UNITS[quantity] ?? { axis: quantity, format: ',.2f', what: quantity };
  const countries = [...new Set(rows.map((r) => String(r.country)))].sort();
  const network = countries.length === 1 && countries[0] === 'NETWORK';
  const colour = network
    ? { field: 'country', type: 'nominal', title: 'model', scale: { domain: ['NETWORK'], range: [NEUTRAL.network] } }
    : { field: 'country', type: 'nominal', title: 'model (median, bands)', scale: countryScale(countries), sort: countries };
  const values = rows.map((r) => {
    const v: Record<string, unknown> = { month: r.month, country: r.country };
    for (const c of ['sim_median', 'sim_p5', 'sim_p25', 'sim_p75', 'sim_p95']) v[c] = r[c];
    for (const l of BACKTEST_LINES) v[l.label] = r[l.column];
    return v;
  });
  const title = `${u.what} backtest${network ? '' : ` (${view} view)`}: simulated median and bands, observed, baselines dashed`;
  const spec: VlSpec = {
    ...frame(title, subtitleOf(folder.manifest)),
    data: { values },
    facet: { field: 'country', type: 'nominal', title: null, sort: countries },
    columns: network ? 1 : 4,
    spec: { width: network ? 600 : 170, height: network ? 200 : 110, layer: panelLayers(colour, u.axis, u.format) },
    resolve: { scale: { y: 'independent' } },
  };
  return { name, title, series: [...countries, ...BACKTEST_LINES.map((l) => l.label)], section: 'Backtest', spec };
}

/**
 * The backtest's charts: `backtest-shares-<view>` per share view, `backtest-network-hashrate` and
 * `backtest-network-efficiency` when present.
 * @example backtestBands(readResults('results/backtest')).map((c) => c.name) // ['backtest-shares-raw', ...]
 */
export function backtestBands(folder: ResultsFolder): Chart[] {
  const t = folder.backtest;
  if (!t) return [];
  requireColumns(t, ['month', 'country', 'quantity', 'view'], ['observed', 'sim_median', 'sim_p5', 'sim_p25', 'sim_p75', 'sim_p95', 'persistence', 'trend', 'random_walk']);
  const charts: Chart[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of t.rows) {
    const key = `${r.quantity}\t${r.view}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const key of [...groups.keys()].sort()) {
    const [quantity, view] = key.split('\t');
    const name = quantity === 'share_pct' ? `backtest-shares-${view}` : `backtest-network-${quantity === 'hashrate_ehs' ? 'hashrate' : quantity === 'efficiency_j_per_th' ? 'efficiency' : quantity}`;
    charts.push(chartOf(folder, groups.get(key)!, quantity, view, name));
  }
  return charts;
}
