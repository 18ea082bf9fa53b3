/**
 * Which charts a results folder gets: every builder is tried, and those whose files are present return a chart.
 * The order here is the order of the report.
 */
import type { Chart } from './chart.ts';
import { chinaProvinces } from './chinaProvinces.ts';
import { backtestBands } from './backtestBands.ts';
import { calibrationPairs, calibrationPosterior } from './calibration.ts';
import { co2ByCountry } from './co2ByCountry.ts';
import { fanHashrateByCountry, fanNetwork, fanShareByCountry } from './ensembleFans.ts';
import { sweepPoints } from './sweepPoints.ts';
import { compareByCountry } from './compareByCountry.ts';
import { compareCumulative } from './compareCumulative.ts';
import { compareFlows } from './compareFlows.ts';
import { compareNetwork } from './compareNetwork.ts';
import { energyByCountry } from './energyByCountry.ts';
import { flowsHeatmap } from './flowsHeatmap.ts';
import { hashrateByCountry } from './hashrateByCountry.ts';
import { network } from './network.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { shareByCountry } from './shareByCountry.ts';

/** A chart builder: the chart of a folder, or undefined when the folder lacks its files. */
export type ChartBuilder = (folder: ResultsFolder) => Chart | undefined | Chart[];

/** Builders in report order. */
export const CHART_BUILDERS: readonly ChartBuilder[] = [
  hashrateByCountry,
  shareByCountry,
  chinaProvinces,
  network,
  flowsHeatmap,
  energyByCountry,
  co2ByCountry,
  fanHashrateByCountry,
  fanShareByCountry,
  fanNetwork,
  backtestBands,
  sweepPoints,
  calibrationPosterior,
  calibrationPairs,
  compareByCountry,
  compareNetwork,
  compareCumulative,
  compareFlows,
];

/**
 * The charts of a folder, in report order.
 * @example chartsOf(readResults('results/china-2021')).map((c) => c.name) // ['hashrate-by-country', ...]
 */
export function chartsOf(folder: ResultsFolder): Chart[] {
  const charts: Chart[] = [];
  for (const build of CHART_BUILDERS) {
    const made = build(folder);
    if (Array.isArray(made)) charts.push(...made);
    else if (made) charts.push(made);
  }
  return charts;
}
