/**
 * What a chart builder returns, and the pieces every chart shares: the frame (title, size, font, white
 * background), the month axis (UTC, so the bytes do not depend on the machine's time zone) and the colour scales.
 */
import { CHART_FONT } from './fonts.ts';
import type { Manifest } from './resultsFolder.ts';

/** A Vega-Lite spec as plain JSON (written to `<name>.vl.json`; users may restyle it and render it anywhere). */
export type VlSpec = Record<string, unknown>;

/** A chart: file stem, title, Vega-Lite spec with its data inline, and the series it shows. */
export interface Chart {
  /** File stem: `charts/<name>.svg`, `.png`, `.vl.json`. */
  name: string;
  title: string;
  spec: VlSpec;
  /** Legend entries the chart must show (countries, regions, lines): the browser test counts them. */
  series: string[];
  /** How the browser test counts the series: legend entries (default), cells of a heat map, or panels. */
  seriesKind?: 'legend' | 'cells' | 'panels';
  /** Report section (default `Run`): `Ensemble`, `Backtest`, `Sweep`, `Calibration`, `Comparison`. */
  section?: string;
}

/** Plot area size in pixels (the full chart adds axes, legend and title). */
export const WIDTH_PX = 640;
export const HEIGHT_PX = 260;

/** The Vega-Lite schema every spec names (a reference only; nothing is fetched). */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Subtitle naming the scenario and seed, from the manifest: `china-2021, seed 1`. */
export function subtitleOf(manifest: Manifest | undefined): string {
  if (!manifest) return '';
  if (typeof manifest.comparison === 'string') return manifest.comparison;
  const parts: string[] = [];
  if (manifest.scenario) parts.push(manifest.scenario);
  if (manifest.runs !== undefined) parts.push(`${manifest.runs} runs`);
  if (manifest.seed !== undefined) parts.push(`seed ${manifest.seed}`);
  else if (manifest.masterSeed !== undefined) parts.push(`master seed ${manifest.masterSeed}`);
  return parts.join(', ');
}

/** The top-level frame: schema, title and subtitle, white background, font, quiet view border. */
export function frame(title: string, subtitle: string): VlSpec {
  return {
    $schema: VL_SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    background: 'white',
    padding: 8,
    config: {
      font: CHART_FONT,
      title: { anchor: 'start', fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555555', offset: 10 },
      axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
      legend: { labelFontSize: 11, titleFontSize: 12, titleLimit: 0, labelLimit: 0, symbolOpacity: 1 },
      view: { stroke: null },
    },
  };
}

/** The month axis: `month` (`YYYY-MM`) as UTC year-month, labelled `YYYY-MM`. */
export function monthX(title = 'month'): VlSpec {
  return {
    field: 'month',
    type: 'temporal',
    timeUnit: 'utcyearmonth',
    title,
    axis: { format: '%Y-%m', labelAngle: -40, labelOverlap: true, grid: false },
  };
}

/** Tooltip entry for the month, `YYYY-MM` (the month axis has made the field a date; shown in UTC). */
export const MONTH_TOOLTIP: VlSpec = { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'month', format: '%Y-%m' };

/** Distinct values of a column, sorted (countries, regions...). */
export function distinct(rows: readonly Record<string, unknown>[], column: string): string[] {
  return [...new Set(rows.map((r) => String(r[column])))].sort();
}

/** Picks some columns of each row (keeps inline data small). */
export function pick(rows: readonly Record<string, unknown>[], columns: readonly string[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
}
