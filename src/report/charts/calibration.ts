/**
 * A calibration (ABC-SMC: posterior.csv, particles.csv, summary.csv): per parameter, the weighted histogram of the
 * posterior particles against that of the first generation (drawn from the prior), with the prior's 90% interval
 * shaded; and the posterior's pairs (each parameter against each other, point area by weight).
 */
import { frame, subtitleOf, type Chart, type VlSpec } from './chart.ts';
import { NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns, type Table } from './tidyCsv.ts';

/** Histogram bins per parameter. */
const BINS = 20;

/** The parameter columns of a particles table: between `weight` and `distance`. */
export function parameterColumns(t: Table): string[] {
  requireColumns(t, [], ['weight', 'distance']);
  return t.columns.slice(t.columns.indexOf('weight') + 1, t.columns.indexOf('distance'));
}

/**
 * Weighted histogram densities of `values` over `BINS` equal bins of [lo, hi] (densities integrate to 1).
 * @example histogram([0.01, 0.99], [1, 1], 0, 1)[0].density // 10 (half the weight in the first of 20 bins, each 0.05 wide)
 */
export function histogram(values: readonly number[], weights: readonly number[], lo: number, hi: number): { bin0: number; bin1: number; density: number }[] {
  const width = (hi - lo) / BINS;
  const mass = new Float64Array(BINS);
  let total = 0;
  values.forEach((v, i) => {
    const b = Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / width)));
    mass[b] += weights[i];
    total += weights[i];
  });
  return [...mass].map((m, b) => ({ bin0: lo + b * width, bin1: lo + (b + 1) * width, density: total > 0 ? m / total / width : 0 }));
}

const SOURCES = { posterior: 'posterior', first: 'first generation (from the prior)' };

/** @example calibrationPosterior(readResults('results/calibrate'))?.name // 'calibration-posterior' */
export function calibrationPosterior(folder: ResultsFolder): Chart | undefined {
  const post = folder.posterior;
  if (!post || post.rows.length === 0) return undefined;
  const params = parameterColumns(post);
  const gen0 = folder.particles ? folder.particles.rows.filter((r) => r.generation === 0) : [];
  const values: Record<string, unknown>[] = [];
  for (const p of params) {
    const pv = post.rows.map((r) => Number(r[p]));
    const gv = gen0.map((r) => Number(r[p]));
    let lo = Math.min(...pv, ...gv);
    let hi = Math.max(...pv, ...gv);
    if (!(hi > lo)) [lo, hi] = [lo - Math.max(1, Math.abs(lo)) / 2, hi + Math.max(1, Math.abs(hi)) / 2];
    for (const h of histogram(pv, post.rows.map((r) => Number(r.weight)), lo, hi)) values.push({ parameter: p, source: SOURCES.posterior, ...h });
    if (gv.length > 0) for (const h of histogram(gv, gen0.map((r) => Number(r.weight)), lo, hi)) values.push({ parameter: p, source: SOURCES.first, ...h });
    const prior = folder.calibrationSummary?.rows.find((r) => r.parameter === p);
    if (prior && typeof prior.prior_p05 === 'number' && typeof prior.prior_p95 === 'number') {
      values.push({ parameter: p, source: 'prior 90% interval', bin0: prior.prior_p05, bin1: prior.prior_p95, prior: String(prior.prior).replace(/;/g, ',') });
    }
  }
  const sources = [SOURCES.posterior, ...(gen0.length > 0 ? [SOURCES.first] : [])];
  const x = { field: 'bin0', type: 'quantitative', title: null, scale: { zero: false } };
  const layers: VlSpec[] = [
    {
      transform: [{ filter: "datum.source === 'prior 90% interval'" }],
      mark: { type: 'rect', color: '#999999', opacity: 0.15, tooltip: true },
      encoding: { x, x2: { field: 'bin1' }, tooltip: [{ field: 'prior', type: 'nominal', title: 'prior' }, { field: 'bin0', type: 'quantitative', title: 'prior p5' }, { field: 'bin1', type: 'quantitative', title: 'prior p95' }] },
    },
    {
      transform: [{ filter: "datum.source !== 'prior 90% interval'" }],
      mark: { type: 'rect', opacity: 0.55, tooltip: true },
      encoding: {
        x,
        x2: { field: 'bin1' },
        y: { field: 'density', type: 'quantitative', title: 'density', stack: null },
        color: { field: 'source', type: 'nominal', title: null, scale: { domain: sources, range: [NEUTRAL.network, NEUTRAL.implied] }, legend: { orient: 'top', labelLimit: 0 } },
        tooltip: [{ field: 'source', type: 'nominal' }, { field: 'bin0', type: 'quantitative', title: 'from', format: '.4~g' }, { field: 'bin1', type: 'quantitative', title: 'to', format: '.4~g' }, { field: 'density', type: 'quantitative', format: '.3~g' }],
      },
    },
  ];
  const title = 'Calibration: posterior against the first generation, per parameter (prior 90% interval shaded)';
  return {
    name: 'calibration-posterior',
    title,
    series: sources,
    section: 'Calibration',
    spec: {
      ...frame(title, subtitleOf(folder.manifest)),
      data: { values },
      facet: { field: 'parameter', type: 'nominal', title: null, sort: params },
      columns: 3,
      spec: { width: 200, height: 120, layer: layers },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  };
}

/** @example calibrationPairs(readResults('results/calibrate'))?.name // 'calibration-pairs' */
export function calibrationPairs(folder: ResultsFolder): Chart | undefined {
  const post = folder.posterior;
  if (!post || post.rows.length === 0) return undefined;
  const params = parameterColumns(post);
  if (params.length < 2) return undefined;
  // Parameter paths hold dots, which Vega-Lite reads as nesting: the data use plain field names.
  const field = (i: number) => `param${i}`;
  const values = post.rows.map((r) => ({ particle: r.particle, weight: r.weight, ...Object.fromEntries(params.map((p, i) => [field(i), r[p]])) }));
  const cell = (i: number, j: number): VlSpec => ({
    width: 150,
    height: 150,
    mark: { type: 'circle', color: NEUTRAL.network, opacity: 0.5, tooltip: true },
    encoding: {
      x: { field: field(j), type: 'quantitative', title: params[j], scale: { zero: false } },
      y: { field: field(i), type: 'quantitative', title: params[i], scale: { zero: false } },
      size: { field: 'weight', type: 'quantitative', title: 'weight', legend: null, scale: { range: [4, 80] } },
      tooltip: [{ field: 'particle', type: 'nominal' }, { field: 'weight', type: 'quantitative', format: '.3~g' }, { field: field(j), title: params[j], type: 'quantitative' }, { field: field(i), title: params[i], type: 'quantitative' }],
    },
  });
  const rows = params.slice(1).map((_, r) => ({ hconcat: params.slice(0, r + 1).map((__, j) => cell(r + 1, j)) }));
  const title = 'Calibration: the posterior particles, each parameter against each other (area by weight)';
  return {
    name: 'calibration-pairs',
    title,
    series: rows.flatMap((_, r) => params.slice(0, r + 1).map((p) => `${params[r + 1]} ~ ${p}`)),
    seriesKind: 'panels',
    section: 'Calibration',
    spec: { ...frame(title, subtitleOf(folder.manifest)), data: { values }, vconcat: rows },
  };
}
