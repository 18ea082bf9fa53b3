/**
 * The backtest's files: `backtest.csv` (tidy, one row per month, series and view: observed, the ensemble's
 * median and bands, and the baselines), `metrics.csv` (one row per view, series, metric and forecaster) and
 * `backtest.md` (readable tables, also printed). Fixed decimals, months `YYYY-MM`; no NaN is ever written.
 */
import { formatMonth } from '../engine/calendar.ts';
import { fixed, toCsv } from '../report/csv.ts';
import type { BacktestResult, QuantityScores, ShareView } from './backtest.ts';
import { SHARE_VIEWS } from './backtest.ts';
import type { EnsembleScore, SeriesScore } from './ensembleScore.ts';
import { errorRatio } from './metrics.ts';
import { SCORED_COUNTRIES } from './observations.ts';

/** The forecasters, in report order, with their column names. */
export const FORECASTERS = [
  { key: 'model', name: 'model' },
  { key: 'persistence', name: 'persistence' },
  { key: 'trend', name: 'trend' },
  { key: 'randomWalk', name: 'random_walk' },
] as const;

type ForecasterKey = (typeof FORECASTERS)[number]['key'];

/** One scored quantity of a result: label, unit, view, the scores and its observed panel. */
interface Quantity {
  quantity: 'share_pct' | 'hashrate_ehs' | 'efficiency_j_per_th';
  view: ShareView | 'all';
  countries: readonly string[];
  scores: QuantityScores;
  observed: Float64Array;
}

function quantities(r: BacktestResult): Quantity[] {
  const out: Quantity[] = SHARE_VIEWS.map((view) => ({ quantity: 'share_pct', view, countries: SCORED_COUNTRIES, scores: r.shares[view], observed: r.observed.shares }));
  out.push({ quantity: 'hashrate_ehs', view: 'all', countries: ['NETWORK'], scores: r.hashrate, observed: r.observed.hashrateEhs });
  if (r.efficiency && r.observed.efficiencyJPerTh) {
    out.push({ quantity: 'efficiency_j_per_th', view: 'all', countries: ['NETWORK'], scores: r.efficiency, observed: r.observed.efficiencyJPerTh });
  }
  return out;
}

const num = (v: number) => fixed(v, 4);

/**
 * backtest.csv: `month,country,quantity,view,observed,sim_median,sim_p5,sim_p25,sim_p75,sim_p95,persistence,trend,random_walk`
 * (the random walk's median). Shares in %, hashrate in EH/s, efficiency in J/TH; network rows have country
 * `NETWORK` and view `all`.
 */
export function backtestCsv(r: BacktestResult): string {
  const rows: string[][] = [];
  for (const q of quantities(r)) {
    const K = q.countries.length;
    const { model, persistence, trend, randomWalk } = q.scores;
    r.observed.months.forEach((m, t) => {
      q.countries.forEach((country, k) => {
        const i = t * K + k;
        const b = model.bands;
        rows.push([formatMonth(m), country, q.quantity, q.view, num(q.observed[i]), num(b.median[i]), num(b.p5[i]), num(b.p25[i]), num(b.p75[i]), num(b.p95[i]),
          num(persistence.bands.median[i]), num(trend.bands.median[i]), num(randomWalk.bands.median[i])]);
      });
    });
  }
  return toCsv(['month', 'country', 'quantity', 'view', 'observed', 'sim_median', 'sim_p5', 'sim_p25', 'sim_p75', 'sim_p95', 'persistence', 'trend', 'random_walk'], rows);
}

/** The metrics reported per forecaster: point forecasts get no coverage; MAPE only where computed. */
function metricRows(s: SeriesScore, ensemble: boolean): [string, number][] {
  const rows: [string, number][] = [['mae', s.mae], ['bias', s.bias], ['rmse', s.rmse], ['crps', s.crps]];
  if (s.mape !== undefined) rows.push(['mape_pct', s.mape]);
  if (ensemble) rows.push(['coverage50', s.coverage50], ['coverage90', s.coverage90]);
  return rows;
}

const RATIO_METRICS = new Set(['mae', 'rmse', 'crps', 'mape_pct']);

/** The mean of each series' metrics (the `ALL` row of the shares): MAE, RMSE, CRPS and coverage. */
export function meanSeriesScore(score: EnsembleScore): SeriesScore {
  const n = score.series.length;
  const mean = (f: (s: SeriesScore) => number) => score.series.reduce((a, s) => a + f(s), 0) / n;
  return { mae: mean((s) => s.mae), bias: mean((s) => s.bias), rmse: mean((s) => s.rmse), crps: mean((s) => s.crps), coverage50: mean((s) => s.coverage50), coverage90: mean((s) => s.coverage90) };
}

/**
 * metrics.csv: `view,country,quantity,metric,forecaster,value,model_ratio` where model_ratio is the model's
 * value over this forecaster's for error metrics (below 1: the model is better; skill = 1 - ratio), empty
 * otherwise. Country `ALL` (shares) averages the eight countries (its bias is left out: shares sum to 100).
 */
export function metricsCsv(r: BacktestResult): string {
  const rows: string[][] = [];
  for (const q of quantities(r)) {
    const isShares = q.quantity === 'share_pct';
    const series = [...q.countries, ...(isShares ? ['ALL'] : [])];
    series.forEach((country, k) => {
      const pick = (e: EnsembleScore) => (country === 'ALL' ? meanSeriesScore(e) : e.series[k]);
      const modelRows = new Map(metricRows(pick(q.scores.model), true));
      for (const f of FORECASTERS) {
        const score = pick(q.scores[f.key as ForecasterKey]);
        for (const [metric, value] of metricRows(score, f.key === 'model' || f.key === 'randomWalk')) {
          if (country === 'ALL' && metric === 'bias') continue;
          const ratio = f.key !== 'model' && RATIO_METRICS.has(metric) ? errorRatio(modelRows.get(metric)!, value) : undefined;
          rows.push([q.view, country, q.quantity, metric, f.name, num(value), ratio === undefined ? '' : num(ratio)]);
        }
      }
    });
  }
  return toCsv(['view', 'country', 'quantity', 'metric', 'forecaster', 'value', 'model_ratio'], rows);
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n') + '\n';
}

const d = (v: number, decimals = 2) => fixed(v, decimals);
const withRatio = (model: number, baseline: number) => {
  const ratio = errorRatio(model, baseline);
  return `${d(baseline)} (${ratio === undefined ? '-' : d(ratio)})`;
};

/** A worse-than-baseline finding: the model's error over the baseline's is above 1. */
export interface Finding {
  view: string;
  country: string;
  metric: 'MAE' | 'CRPS' | 'MAPE';
  baseline: string;
  ratio: number;
}

/** Every (view, series, metric, baseline) where the model's MAE, CRPS or MAPE is larger than the baseline's. */
export function worseThanBaselines(r: BacktestResult): Finding[] {
  const out: Finding[] = [];
  for (const q of quantities(r)) {
    const isShares = q.quantity === 'share_pct';
    const series = [...q.countries, ...(isShares ? ['ALL'] : [])];
    series.forEach((country, k) => {
      const pick = (e: EnsembleScore) => (country === 'ALL' ? meanSeriesScore(e) : e.series[k]);
      const model = pick(q.scores.model);
      for (const f of FORECASTERS.slice(1)) {
        const base = pick(q.scores[f.key as ForecasterKey]);
        const checks: [Finding['metric'], number, number | undefined][] = isShares
          ? [['MAE', model.mae, base.mae], ['CRPS', model.crps, base.crps]]
          : [['MAPE', model.mape ?? model.mae, base.mape ?? base.mae], ['CRPS', model.crps, base.crps]];
        for (const [metric, m, b] of checks) {
          const ratio = b === undefined ? undefined : errorRatio(m, b);
          if (ratio !== undefined && ratio > 1) out.push({ view: q.view, country: isShares ? country : q.quantity, metric, baseline: f.name, ratio });
        }
      }
    });
  }
  return out;
}

/** The readable report (markdown): header, a table per share view, the network table, and where the model loses. */
export function backtestMarkdown(r: BacktestResult, command?: string): string {
  const w = r.window;
  const f = formatMonth;
  const parts: string[] = [];
  parts.push(`# Backtest: ${r.scenario.name}\n`);
  if (command) parts.push(`\`${command}\`\n`);
  const months = `${f(r.observed.months[0])}..${f(r.observed.months[r.observed.months.length - 1])}`;
  const fit = r.shares.raw.fit;
  const fitText = (kind: string, ms: number[]) => `${kind === 'history' ? 'history' : 'HINDSIGHT (no record before the origin; fitted on the first months from it)'} ${f(ms[0])}..${f(ms[ms.length - 1])}`;
  const obs = r.observation;
  parts.push(
    [
      `- mode: ${w.mode}${w.mode === 'replay' ? ' (origin = the window\'s first month, from which the scenario starts)' : ' (the runs are the replay from the scenario start; baselines see the record up to the origin)'}`,
      `- window ${f(w.from)}..${f(w.to)}, origin ${f(w.origin)}, scored months ${months} (${r.observed.months.length})`,
      `- ensemble: ${r.seeds.length} run${r.seeds.length === 1 ? '' : 's'}, master seed ${r.masterSeed}; random walk: ${r.shares.raw.randomWalk.members} paths`,
      `- baseline fit, shares: ${fitText(fit.kind, fit.months)}; network hashrate: ${fitText(r.hashrate.fit.kind, r.hashrate.fit.months)}`,
      `- observation model (map view): hiddenSeenShare ${obs.hiddenSeenShare}${r.observationDrawn ? ' (drawn per run)' : ''}, proxyAt ${JSON.stringify(obs.proxyAt)}, declaredOnlyBanShare ${obs.declaredOnlyBanShare}, poolCoverage ${JSON.stringify(obs.poolCoverage)}, seenAtHome ${JSON.stringify(obs.seenAtHome)}, mapSampleSize ${obs.mapSampleSize}, hashrateNoise ${obs.hashrateNoise}`,
      `- shares in percentage points (pp); Germany* and Ireland* count as OTHER; "x (r)": the baseline's error x and the ratio r = model / baseline (below 1: the model is better; skill = 1 - r)`,
    ].join('\n') + '\n',
  );
  for (const view of SHARE_VIEWS) {
    const s = r.shares[view];
    parts.push(`## Country shares, ${view === 'raw' ? 'raw view (simulated truth)' : 'map view (what the CBECI map would have shown)'}\n`);
    const rows = [...SCORED_COUNTRIES, 'ALL'].map((country, k) => {
      const pick = (e: EnsembleScore) => (country === 'ALL' ? meanSeriesScore(e) : e.series[k]);
      const m = pick(s.model);
      const p = pick(s.persistence);
      const t = pick(s.trend);
      const rw = pick(s.randomWalk);
      return [country, d(m.mae), country === 'ALL' ? '' : d(m.bias), d(m.rmse), d(m.crps), d(m.coverage50), d(m.coverage90),
        withRatio(m.mae, p.mae), withRatio(m.mae, t.mae), withRatio(m.mae, rw.mae), withRatio(m.crps, p.crps), withRatio(m.crps, t.crps), withRatio(m.crps, rw.crps)];
    });
    parts.push(table(['country', 'MAE', 'bias', 'RMSE', 'CRPS', 'cover 50%', 'cover 90%', 'persistence MAE', 'trend MAE', 'random walk MAE', 'persistence CRPS', 'trend CRPS', 'random walk CRPS'], rows));
  }
  parts.push('## Network\n');
  const net: [string, QuantityScores | undefined][] = [['hashrate (EH/s)', r.hashrate], ['efficiency (J/TH)', r.efficiency]];
  const netRows = net
    .filter((x): x is [string, QuantityScores] => x[1] !== undefined)
    .map(([label, q]) => {
      const m = q.model.series[0];
      const mape = (e: EnsembleScore) => e.series[0].mape ?? 0;
      return [label, `${d(mape(q.model))}%`, d(m.bias), d(m.crps), d(m.coverage50), d(m.coverage90),
        withRatio(mape(q.model), mape(q.persistence)), withRatio(mape(q.model), mape(q.trend)), withRatio(mape(q.model), mape(q.randomWalk)),
        withRatio(m.crps, q.persistence.series[0].crps), withRatio(m.crps, q.trend.series[0].crps), withRatio(m.crps, q.randomWalk.series[0].crps)];
    });
  parts.push(table(['series', 'MAPE', 'bias', 'CRPS', 'cover 50%', 'cover 90%', 'persistence MAPE', 'trend MAPE', 'random walk MAPE', 'persistence CRPS', 'trend CRPS', 'random walk CRPS'], netRows));
  const worse = worseThanBaselines(r);
  parts.push('## Where the model is worse than a baseline\n');
  if (worse.length === 0) parts.push('Nowhere: the model beats every baseline on MAE, MAPE and CRPS for every series.\n');
  else {
    const byKey = new Map<string, string[]>();
    for (const x of worse) {
      const key = `${x.view === 'all' ? '' : `${x.view} view, `}${x.country} ${x.metric}`;
      byKey.set(key, [...(byKey.get(key) ?? []), `${x.baseline} (x${d(x.ratio)})`]);
    }
    parts.push([...byKey].map(([key, bs]) => `- ${key}: worse than ${bs.join(', ')}`).join('\n') + '\n');
  }
  return parts.join('\n');
}

/** The three files of a backtest, by name. */
export function renderBacktest(r: BacktestResult, command?: string): Map<string, string> {
  return new Map([
    ['backtest.csv', backtestCsv(r)],
    ['metrics.csv', metricsCsv(r)],
    ['backtest.md', backtestMarkdown(r, command)],
  ]);
}
