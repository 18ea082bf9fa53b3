/**
 * The files of a finished calibration, as text (tidy CSV with fixed decimals, Markdown, JSON, YAML):
 * - `posterior.csv`: the last generation, one row per particle: its weight, parameter values, distance and the
 *   distance's parts;
 * - `particles.csv`: the same for every generation (a `generation` column first);
 * - `summary.csv` and `summary.md`: per parameter the prior, the prior's median and 90% interval, and the
 *   posterior's mean, sd, median and 90% interval;
 * - `diagnostics.csv`: per generation the tolerance, proposals, simulations, failures, acceptance rate and ESS;
 * - `calibration.json`: the settings, their fingerprint, the program version, why the run ended;
 * - `<name>-calibrated.yaml`: the calibrated scenario (calibratedScenario.ts); `calibratedScenarioText` gives it for
 *   another place (`--scenario-out`).
 * Nothing in them depends on the number of workers or on the clock, except the date in the YAML header.
 */
import { join } from 'node:path';
import type { Population } from './abcSmc.ts';
import type { CalibratedDiscrepancy } from './calibratedDiscrepancy.ts';
import { calibratedScenarioYaml } from './calibratedScenario.ts';
import type { CalibrationResult } from './calibrateScenario.ts';
import { decimalsFor, summarisePosterior, type ParameterSummary } from './posteriorSummary.ts';
import { formatPrior } from './priors.ts';

/** What the files need besides the result. */
export interface CalibrationFilesInput {
  result: CalibrationResult;
  sets: readonly string[];
  keepUncertainty: boolean;
  /** The command line as typed (for the YAML header and calibration.json). */
  command: string;
  /** YYYY-MM-DD. */
  date: string;
  version: string;
  /** The output folder (the calibrated scenario in it `extends` the original by a path relative to it). */
  outDir: string;
  /** The model discrepancy measured for the calibrated scenario, if any (calibratedDiscrepancy.ts). */
  discrepancy?: CalibratedDiscrepancy;
}

const DISTANCE_DECIMALS = 6;
const WEIGHT_DECIMALS = 10;

function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function csv(header: string[], rows: string[][]): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** Names of the detail columns present in any particle, in a fixed order. */
function detailColumns(populations: readonly Population[]): string[] {
  const known = ['worst_share_mae_pp', 'network_mape_pct', 'share_mae_pp_CN', 'share_mae_pp_US', 'share_mae_pp_KZ', 'share_mae_pp_RU'];
  const seen = new Set<string>();
  for (const p of populations) for (const d of p.details) for (const k of Object.keys(d)) seen.add(k);
  return [...known.filter((k) => seen.has(k)), ...[...seen].filter((k) => !known.includes(k)).sort()];
}

function particleRows(result: CalibrationResult, population: Population, details: string[], withGeneration: boolean): string[][] {
  const decimals = result.parameters.map((p) => decimalsFor(p.prior));
  return population.particles.map((theta, i) => [
    ...(withGeneration ? [String(population.generation)] : []),
    String(i),
    fixed(population.weights[i], WEIGHT_DECIMALS),
    ...theta.map((x, k) => fixed(x, decimals[k])),
    fixed(population.distances[i], DISTANCE_DECIMALS),
    ...details.map((d) => fixed(population.details[i]?.[d] ?? NaN, DISTANCE_DECIMALS)),
  ]);
}

function summaryCsv(result: CalibrationResult, summaries: readonly ParameterSummary[]): string {
  const header = ['parameter', 'prior', 'prior_p05', 'prior_median', 'prior_p95', 'mean', 'sd', 'p05', 'median', 'p95'];
  const rows = summaries.map((s, k) => {
    const d = decimalsFor(result.parameters[k].prior);
    return [s.path, formatPrior(s.prior).replace(/,/g, ';'), ...[s.priorP05, s.priorMedian, s.priorP95, s.mean, s.sd, s.p05, s.median, s.p95].map((x) => fixed(x, d))];
  });
  return csv(header, rows);
}

function summaryMd(result: CalibrationResult, summaries: readonly ParameterSummary[]): string {
  const last = result.populations[result.populations.length - 1];
  const lines = [
    `# Calibration of ${result.resolved.name}`,
    '',
    `ABC-SMC, window ${String(result.settings.window)}, ${last.particles.length} particles, ${result.populations.length} generations (stopped: ${result.stopped}); final tolerance ${fixed(last.tolerance, 4)}, ESS ${fixed(last.ess, 1)}.`,
    '',
    '| parameter | prior | prior median [90%] | posterior median [90%] | posterior mean (sd) |',
    '|---|---|---|---|---|',
    ...summaries.map((s, k) => {
      const d = decimalsFor(result.parameters[k].prior);
      const f = (x: number) => fixed(x, d);
      return `| ${s.path} | ${formatPrior(s.prior)} | ${f(s.priorMedian)} [${f(s.priorP05)}, ${f(s.priorP95)}] | ${f(s.median)} [${f(s.p05)}, ${f(s.p95)}] | ${f(s.mean)} (${f(s.sd)}) |`;
    }),
    '',
  ];
  return lines.join('\n');
}

function diagnosticsCsv(populations: readonly Population[]): string {
  const header = ['generation', 'tolerance', 'particles', 'attempts', 'simulations', 'failures', 'outside_support', 'acceptance_rate', 'ess', 'distance_median', 'distance_min'];
  const rows = populations.map((p) => {
    const sorted = [...p.distances].sort((a, b) => a - b);
    return [
      String(p.generation),
      Number.isFinite(p.tolerance) ? fixed(p.tolerance, DISTANCE_DECIMALS) : 'inf',
      String(p.particles.length),
      String(p.attempts),
      String(p.simulations),
      String(p.failures),
      String(p.outsideSupport),
      fixed(p.acceptanceRate, 6),
      fixed(p.ess, 2),
      fixed(sorted[Math.floor((sorted.length - 1) / 2)], DISTANCE_DECIMALS),
      fixed(sorted[0], DISTANCE_DECIMALS),
    ];
  });
  return csv(header, rows);
}

/** Why a run ended, in words. */
export function stopReasonText(result: CalibrationResult): string {
  switch (result.stopped) {
    case 'generations':
      return `ran the ${result.populations.length} generations asked for`;
    case 'acceptance':
      return `stopped after generation ${result.populations.length - 1}: acceptance rate below ${result.settings.minAcceptanceRate}`;
    case 'tolerance':
      return `stopped after generation ${result.populations.length - 1}: the tolerance could not fall further`;
    case 'budget':
      return `stopped: generation ${result.populations.length} could not fill its particles within ${result.settings.maxAttemptsPerParticle} attempts each; the posterior is generation ${result.populations.length - 1}`;
  }
}

/**
 * Renders every file of a calibration (name -> text).
 * @example renderCalibrationFiles({result, sets: [], keepUncertainty: false, command, date: '2026-11-23', version: '0.1.0', scenarioOutput})
 */
export function renderCalibrationFiles(input: CalibrationFilesInput): Map<string, string> {
  const { result } = input;
  const last = result.populations[result.populations.length - 1];
  const summaries = summarisePosterior(result.parameters, last);
  const details = detailColumns(result.populations);
  const paramColumns = result.parameters.map((p) => p.path);
  const files = new Map<string, string>();
  files.set('posterior.csv', csv(['particle', 'weight', ...paramColumns, 'distance', ...details], particleRows(result, last, details, false)));
  files.set('particles.csv', csv(['generation', 'particle', 'weight', ...paramColumns, 'distance', ...details], result.populations.flatMap((p) => particleRows(result, p, details, true))));
  files.set('summary.csv', summaryCsv(result, summaries));
  files.set('summary.md', summaryMd(result, summaries));
  files.set('diagnostics.csv', diagnosticsCsv(result.populations));
  const manifest = {
    program: 'hashsim',
    command: 'calibrate',
    version: input.version,
    commandLine: input.command,
    scenario: { name: result.resolved.name, file: result.resolved.file, hash: result.resolved.hash, sets: input.sets },
    settings: { ...result.settings, generations: result.populations.length },
    fingerprint: result.fingerprint,
    stopped: result.stopped,
    stoppedText: stopReasonText(result),
    keepUncertainty: input.keepUncertainty,
  };
  files.set('calibration.json', `${JSON.stringify(manifest, null, 2)}\n`);
  files.set(calibratedScenarioName(result), calibratedScenarioText(input, join(input.outDir, calibratedScenarioName(result))));
  return files;
}

/**
 * File name of the calibrated scenario in the output folder.
 * @example calibratedScenarioName(result) // 'china-2021-calibrated.yaml'
 */
export function calibratedScenarioName(result: CalibrationResult): string {
  return `${result.resolved.name}-calibrated.yaml`;
}

/**
 * The calibrated scenario's text for a file at `path` (its `extends` is relative to that file).
 * @example calibratedScenarioText(input, 'scenarios/china-2021-calibrated.yaml')
 */
export function calibratedScenarioText(input: CalibrationFilesInput, path: string): string {
  const { result } = input;
  const last = result.populations[result.populations.length - 1];
  return calibratedScenarioYaml({
    scenarioFile: result.resolved.file,
    scenarioName: result.resolved.name,
    outputFile: path,
    sets: input.sets,
    parameters: result.parameters,
    summaries: summarisePosterior(result.parameters, last),
    posterior: last,
    keepUncertainty: input.keepUncertainty,
    discrepancy: input.discrepancy,
    command: input.command,
    window: String(result.settings.window),
    date: input.date,
    version: input.version,
    note: `ABC-SMC: ${last.particles.length} particles, ${result.populations.length} generations, ${result.settings.runsPerParticle} runs per particle, seed ${result.settings.seed}; ${stopReasonText(result)}; final tolerance ${fixed(last.tolerance, 4)} (distance: README "Calibration").`,
  });
}
