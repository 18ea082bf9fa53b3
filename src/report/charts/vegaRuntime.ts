/**
 * Loads vega and vega-lite on first use, from the single-file bundles the packages ship
 * (`vega/build/vega.min.js`, `vega-lite/build/vega-lite.min.js`). Their ESM entry points pull in some forty
 * modules each and take about 450 ms to load; a bundle takes about 100 ms, and about 30 ms with V8's code cache,
 * which is kept in `node_modules/.cache/hashsim/` (written after the first charts of a process, checked by V8
 * and ignored when stale or missing; it changes no output). The same vega bundle is inlined into report.html.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type * as VegaNs from 'vega';
import type * as VegaLiteNs from 'vega-lite';

export type Vega = typeof VegaNs;
export type VegaLite = typeof VegaLiteNs;

const requireHere = createRequire(import.meta.url);
let vegaModule: Vega | undefined;
let vegaLiteModule: VegaLite | undefined;

/** Scripts loaded without an accepted code cache: their cache is written by `saveCodeCache`. */
const uncached: { script: Script; cacheFile: string }[] = [];

/** Absolute path of vega's browser bundle (also inlined into report.html). */
export function vegaBundlePath(): string {
  return join(dirname(requireHere.resolve('vega')), 'vega.min.js');
}

/** Absolute path of vega-lite's browser bundle. */
export function vegaLiteBundlePath(): string {
  return join(dirname(requireHere.resolve('vega-lite')), 'vega-lite.min.js');
}

/** Where the code cache of a bundle lives: node_modules/.cache/hashsim/<bundle>-<size>-<V8 version>-<arch>.v8cache. */
function cacheFileOf(path: string): string {
  const nodeModules = dirname(dirname(dirname(path)));
  const key = `${basename(path)}-${statSync(path).size}-${process.versions.v8}-${process.arch}.v8cache`;
  return join(nodeModules, '.cache', 'hashsim', key);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Evaluates a UMD bundle as a CommonJS module and returns its exports. */
function loadUmd<T>(path: string, deps: Record<string, unknown>): T {
  const code = readFileSync(path, 'utf8');
  const cacheFile = cacheFileOf(path);
  const cachedData = readCache(cacheFile);
  const script = new Script(`(function (exports, module, require) {${code}\n})`, { filename: path, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) uncached.push({ script, cacheFile });
  const wrapper = script.runInThisContext() as (exports: object, module: { exports: object }, require: (id: string) => unknown) => void;
  const mod = { exports: {} as object };
  wrapper(mod.exports, mod, (id) => (id in deps ? deps[id] : requireHere(id)));
  return mod.exports as T;
}

/**
 * Writes the code cache of the bundles loaded without one (call after some charts were drawn, so that the
 * functions they use are compiled and cached too). Silent when the cache folder cannot be written.
 */
export function saveCodeCache(): void {
  for (const { script, cacheFile } of uncached.splice(0)) {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      rmSync(temp, { force: true });
    }
  }
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
