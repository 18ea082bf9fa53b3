/**
 * Loads vega and vega-lite on first use, from the single-file bundles the packages ship
 * (`vega/build/vega.min.js`, `vega-lite/build/vega-lite.min.js`). Their ESM entry points pull in some forty
 * modules each and take about 450 ms to load; the bundles take about 100 ms, which keeps `hashsim run` fast.
 * The same vega bundle is inlined into report.html, so the browser draws with exactly what Node drew with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as VegaNs from 'vega';
import type * as VegaLiteNs from 'vega-lite';

export type Vega = typeof VegaNs;
export type VegaLite = typeof VegaLiteNs;

const requireHere = createRequire(import.meta.url);
let vegaModule: Vega | undefined;
let vegaLiteModule: VegaLite | undefined;

/** Absolute path of vega's browser bundle (also inlined into report.html). */
export function vegaBundlePath(): string {
  return join(dirname(requireHere.resolve('vega')), 'vega.min.js');
}

/** Absolute path of vega-lite's browser bundle. */
export function vegaLiteBundlePath(): string {
  return join(dirname(requireHere.resolve('vega-lite')), 'vega-lite.min.js');
}

/** Evaluates a UMD bundle as a CommonJS module and returns its exports. */
function loadUmd<T>(path: string, deps: Record<string, unknown>): T {
  const code = readFileSync(path, 'utf8');
  const wrapper = runInThisContext(`(function (exports, module, require) {${code}\n})`, { filename: path }) as (
    exports: object,
    module: { exports: object },
    require: (id: string) => unknown,
  ) => void;
  const mod = { exports: {} as object };
  wrapper(mod.exports, mod, (id) => (id in deps ? deps[id] : requireHere(id)));
  return mod.exports as T;
}

/** vega, loaded once. @example const view = new (vega()).View(vega().parse(spec), {renderer: 'none'}) */
export function vega(): Vega {
  vegaModule ??= loadUmd<Vega>(vegaBundlePath(), {});
  return vegaModule;
}

/** vega-lite, loaded once (it compiles Vega-Lite specs to Vega). @example vegaLite().compile(spec).spec */
export function vegaLite(): VegaLite {
  vegaLiteModule ??= loadUmd<VegaLite>(vegaLiteBundlePath(), { vega: vega() });
  return vegaLiteModule;
}
