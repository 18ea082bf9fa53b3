/**
 * Renders a chart: Vega-Lite spec -> Vega spec (vega-lite) -> SVG (vega, headless, no browser) -> PNG (resvg,
 * on libuv's thread pool so several PNGs render at once). The libraries load on first use only.
 */
import type { TopLevelSpec } from 'vega-lite';
import { pngFontOptions } from './fonts.ts';
import { vega, vegaLite } from './vegaRuntime.ts';
import type { VlSpec } from './chart.ts';

/** A Vega spec (what vega-lite compiles to; inlined into report.html). */
export type VegaSpec = Record<string, unknown>;

/**
 * Compiles a Vega-Lite spec to Vega.
 * @example compileSpec({mark: 'bar', data: {values: [{a: 1}]}, encoding: {y: {field: 'a', type: 'quantitative'}}}).marks
 */
export function compileSpec(spec: VlSpec): VegaSpec {
  return vegaLite().compile(spec as unknown as TopLevelSpec, { logger: QUIET }).spec as unknown as VegaSpec;
}

/** A vega-lite logger that keeps its warnings (e.g. merged legends) off the terminal; errors still throw. */
const QUIET = {
  level(): number {
    return 0;
  },
  error(...args: unknown[]): never {
    throw new Error(args.map(String).join(' '));
  },
  warn() {
    return QUIET;
  },
  info() {
    return QUIET;
  },
  debug() {
    return QUIET;
  },
};

/**
 * Renders a Vega spec to SVG text, headlessly. vega measures text without a canvas here (its own estimate),
 * so the same spec gives the same bytes on every machine.
 * @example await renderSvg(compileSpec(spec)) // '<svg xmlns="http://www.w3.org/2000/svg" ...'
 */
export async function renderSvg(spec: VegaSpec): Promise<string> {
  const v = vega();
  // Gradients and clip paths are numbered by a counter global to vega: start it afresh so that a chart's bytes do
  // not depend on the charts drawn before it in the same process.
  (v as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds();
  const view = new v.View(v.parse(spec as never), { renderer: 'none', logLevel: v.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG pixels per SVG pixel (2: sharp on screens and in print). */
export const PNG_SCALE = 2;

let resvgModule: Promise<typeof import('@resvg/resvg-js')> | undefined;

/**
 * Renders SVG text to PNG bytes at `scale` times its size, off the main thread.
 * @example await renderPng(svg) // Buffer starting with \x89PNG
 */
export async function renderPng(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  resvgModule ??= import('@resvg/resvg-js');
  const { renderAsync } = await resvgModule;
  const image = await renderAsync(svg, { font: pngFontOptions(), fitTo: { mode: 'zoom', value: scale }, background: 'white' });
  return image.asPng();
}
