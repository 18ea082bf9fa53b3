/**
 * The simulation as shipped (bundled by esbuild into one ES module), for benchmarks: under vitest and tsx each
 * use of an imported binding is a property read on a module namespace, which the per-agent loops would pay for
 * millions of times; the bundle (like `node bin/hashsim.js`) has plain local references. Benchmarks measure the
 * built code, so the sources can read plainly.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the benchmarks use from the bundle. */
export interface BundledModel {
  simulateWorld: typeof import('../../src/model/simulate.ts').simulateWorld;
  makePlan: typeof import('../helpers/makePlan.ts').makePlan;
}

/**
 * Bundles src/model/simulate.ts and test/helpers/makePlan.ts of the project at `root` (default: this one) and
 * imports the bundle.
 * @example const { simulateWorld, makePlan } = await bundledModel(); simulateWorld({ ...makePlan(), seed: 1 })
 */
export async function bundledModel(root = ROOT): Promise<BundledModel> {
  const dir = mkdtempSync(join(tmpdir(), 'hashsim-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { simulateWorld } from ${JSON.stringify(join(root, 'src/model/simulate.ts'))};\n`
    + `export { makePlan } from ${JSON.stringify(join(root, 'test/helpers/makePlan.ts'))};\n`);
  const outfile = join(dir, 'model.mjs');
  buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error', nodePaths: [join(ROOT, 'node_modules')] });
  return (await import(pathToFileURL(outfile).href)) as BundledModel;
}

/** What the scenario benchmarks use from a bundle of the run API (scenario loading, plan draw, simulation). */
export interface BundledRunApi {
  loadScenario: typeof import('../../src/scenario/index.ts').loadScenario;
  drawPlan: typeof import('../../src/scenario/index.ts').drawPlan;
  prepareRuns: typeof import('../../src/run/runScenario.ts').prepareRuns;
  simulate: typeof import('../../src/model/simulate.ts').simulate;
}

/**
 * Bundles the run API of the project at `root` (default: this one): loading a scenario, compiling its template,
 * drawing a plan and simulating it, as `node bin/hashsim.js` runs them.
 * @example const api = await bundledRunApi('/tmp/base/'); api.simulate(api.drawPlan(api.prepareRuns(api.loadScenario(file)), 1))
 */
export async function bundledRunApi(root = ROOT): Promise<BundledRunApi> {
  const dir = mkdtempSync(join(tmpdir(), 'hashsim-bench-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { loadScenario, drawPlan } from ${JSON.stringify(join(root, 'src/scenario/index.ts'))};\n`
    + `export { prepareRuns } from ${JSON.stringify(join(root, 'src/run/runScenario.ts'))};\n`
    + `export { simulate } from ${JSON.stringify(join(root, 'src/model/simulate.ts'))};\n`);
  const outfile = join(dir, 'run.mjs');
  buildSync({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error', nodePaths: [join(ROOT, 'node_modules')],
    // Some dependencies are CommonJS and call require: give the ES module bundle one.
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
  return (await import(pathToFileURL(outfile).href)) as BundledRunApi;
}
