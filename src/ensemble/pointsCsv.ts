/**
 * `points.csv` of a sweep: one row per point with its parameters and the 5th, 50th and 95th percentiles over
 * the point's successful runs of the metrics of pointMetrics.ts, read from the per-run files on disk (so one
 * machine, merged shards and a resumed job give the same bytes).
 *
 * Columns: `point`, one column per swept path (the value as swept), `runs` (successful runs), `failed`,
 * `share_country`, `share_month`, `share_p5/p50/p95` (fraction), `trough_depth_p5/p50/p95` (fraction),
 * `recovery_months_p5/p50/p95` (months from the trough back to the pre-ban peak; empty when the runs at that
 * percentile never recover, or without a ban), `recovered` (fraction of runs that recover),
 * `energy_twh_p5/p50/p95` (TWh), `co2_mt_p5/p50/p95` (Mt),
 * `ban_month` (the first ban's month at the point), `overrides` (every scenario override of the point, `;`-joined).
 */
import { fixed } from '../report/csv.ts';
import { listBatches, readRows, readRunIndex, tableMonths, type RunRecord } from './batchReader.ts';
import type { JobManifest } from './jobManifest.ts';
import { quantileCensored, runMetrics, type RunMetrics } from './pointMetrics.ts';

/** Percentiles reported in points.csv. */
export const POINT_PERCENTILES = [5, 50, 95] as const;

/** Options of `pointsCsv`. */
export interface PointsCsvOptions {
  /** Month (`YYYY-MM`) of the share column. */
  metricMonth: string;
  /** Country code of the share column (default `CN`). */
  country?: string;
  /** Month of the first ban at each point (undefined: no ban), by point index. */
  banMonths: readonly (string | undefined)[];
}

/**
 * The text of points.csv for the runs of `job` found in `dirs`.
 * @example await pointsCsv(job, ['results/sweep'], {metricMonth: '2021-08', banMonths})
 */
export async function pointsCsv(job: JobManifest, dirs: readonly string[], options: PointsCsvOptions): Promise<string> {
  const country = options.country ?? 'CN';
  const batches = listBatches(dirs);
  const chosen = await chooseRecords(batches);
  const metrics = new Map<number, RunMetrics[]>();
  const failed = new Map<number, number>();
  for (const { record } of chosen.values()) if (record.status === 'failed') failed.set(record.point, (failed.get(record.point) ?? 0) + 1);

  for (let b = 0; b < batches.length; b++) {
    const wanted = new Set([...chosen.values()].filter((c) => c.batch === b && c.record.status === 'ok').map((c) => c.record.runId));
    if (wanted.size === 0) continue;
    const network = await tableMonths(batches[b], 'network');
    if (!network) continue;
    const rows = await readRows(network.file, ['run_id', 'month', 'hashrate_ehs', 'energy_twh', 'co2_mt'], 0, network.starts[network.starts.length - 1]);
    const series = new Map<string, { months: string[]; h: number[]; e: number[]; c: number[] }>();
    const ids = rows.run_id as ArrayLike<string>;
    for (let i = 0; i < ids.length; i++) {
      if (!wanted.has(ids[i])) continue;
      let s = series.get(ids[i]);
      if (!s) series.set(ids[i], (s = { months: [], h: [], e: [], c: [] }));
      s.months.push((rows.month as ArrayLike<string>)[i]);
      s.h.push((rows.hashrate_ehs as ArrayLike<number>)[i]);
      s.e.push((rows.energy_twh as ArrayLike<number>)[i]);
      s.c.push((rows.co2_mt as ArrayLike<number>)[i]);
    }
    const shares = await sharesIn(batches[b], options.metricMonth, country);
    for (const [id, s] of series) {
      const { record } = chosen.get(id)!;
      const m = runMetrics({ months: s.months, hashrateEhs: s.h, energyTwh: s.e, co2Mt: s.c, share: shares.get(id) }, options.banMonths[record.point]);
      if (!metrics.has(record.point)) metrics.set(record.point, []);
      metrics.get(record.point)!.push(m);
    }
  }

  const params = job.design?.params.length ? job.points[0].values.map((v) => v.path) : [];
  const pct = (name: string) => POINT_PERCENTILES.map((p) => `${name}_p${p}`);
  const header = ['point', ...params, 'runs', 'failed', 'share_country', 'share_month', ...pct('share'), ...pct('trough_depth'), ...pct('recovery_months'), 'recovered', ...pct('energy_twh'), ...pct('co2_mt'), 'ban_month', 'overrides'];
  const lines = [header.join(',')];
  for (const point of job.points) {
    const runs = metrics.get(point.index) ?? [];
    const column = (pick: (m: RunMetrics) => number | undefined, decimals: number) => {
      const values = runs.map(pick).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
      return POINT_PERCENTILES.map((p) => {
        const q = quantileCensored(values, p / 100);
        return q === undefined || !Number.isFinite(q) ? '' : fixed(q, decimals);
      });
    };
    const withBan = runs.filter((m) => m.recoveryMonths !== undefined);
    const recovered = withBan.length === 0 ? '' : fixed(withBan.filter((m) => Number.isFinite(m.recoveryMonths!)).length / withBan.length, 4);
    lines.push(
      [
        String(point.index),
        ...point.values.map((v) => csvField(v.value)),
        String(runs.length),
        String(failed.get(point.index) ?? 0),
        country,
        options.metricMonth,
        ...column((m) => m.share, 6),
        ...column((m) => m.troughDepth, 6),
        ...column((m) => m.recoveryMonths, 1),
        recovered,
        ...column((m) => m.energyTwh, 3),
        ...column((m) => m.co2Mt, 3),
        options.banMonths[point.index] ?? '',
        csvField(point.overrides.join(';')),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * The record of each run id that counts, as `summarise` chooses it: the first found in batch order, unless
 * it failed and a later one succeeded.
 */
async function chooseRecords(batches: readonly string[]): Promise<Map<string, { batch: number; record: RunRecord }>> {
  const chosen = new Map<string, { batch: number; record: RunRecord }>();
  for (let b = 0; b < batches.length; b++) {
    for (const record of await readRunIndex(batches[b])) {
      const seen = chosen.get(record.runId);
      if (seen && !(seen.record.status === 'failed' && record.status === 'ok')) continue;
      chosen.set(record.runId, { batch: b, record });
    }
  }
  return chosen;
}

/** Each run's share of `country` in `month` in a batch (none when the batch lacks that month). */
async function sharesIn(batch: string, month: string, country: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const t = await tableMonths(batch, 'countries');
  const g = t ? t.months.indexOf(month) : -1;
  if (!t || g < 0) return out;
  const rows = await readRows(t.file, ['run_id', 'country', 'share'], t.starts[g], t.starts[g + 1]);
  const ids = rows.run_id as ArrayLike<string>;
  for (let i = 0; i < ids.length; i++) if ((rows.country as ArrayLike<string>)[i] === country) out.set(ids[i], (rows.share as ArrayLike<number>)[i]);
  return out;
}

/** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
