/**
 * Where code runs from, and where its worker threads are: from the bundle built by `npm run build`
 * (bin/build/, plain node) or from source (tsx, vitest). The bundle defines `__HASHSIM_BUNDLE__` (esbuild
 * `define`, see bundle.ts); from source it is not defined.
 */
import { fileURLToPath } from 'node:url';

declare const __HASHSIM_BUNDLE__: boolean | undefined;

/** True when this code runs from the bundle in bin/build/, false when it runs from source. */
export const RUNS_FROM_BUNDLE: boolean = typeof __HASHSIM_BUNDLE__ !== 'undefined' && __HASHSIM_BUNDLE__ === true;

/** A worker thread's module and the node options it needs: `new Worker(file, {execArgv})` (piscina: `filename`). */
export interface WorkerEntry {
  /** Absolute path of the worker's module. */
  file: string;
  /** Node options of the worker: tsx's loader from source, none from the bundle. */
  execArgv: string[];
}

/**
 * A TypeScript module run as a worker thread from source: node registers tsx's loader in the worker first
 * (`--import registerTsx.mjs`; on node 20 `--import tsx` does not work in a worker thread).
 * @example const w = sourceWorker(new URL('./job.ts', import.meta.url)); new Worker(w.file, { execArgv: w.execArgv })
 */
export function sourceWorker(file: URL): WorkerEntry {
  return { file: fileURLToPath(file), execArgv: ['--import', new URL('./registerTsx.mjs', import.meta.url).href] };
}

/**
 * The worker modules the build bundles, by name: bin/build/<name>.mjs is made from src/<source> (when that file
 * exists). To bundle another worker, add it here and start it with `workerEntryOf(name)`.
 */
export const WORKER_SOURCES = {
  worker: 'ensemble/worker.ts',
  particleWorker: 'calibrate/abc/particleWorker.ts',
} as const;

/** The name of a bundled worker module (a key of `WORKER_SOURCES`). */
export type WorkerName = keyof typeof WORKER_SOURCES;

/**
 * A bundled worker module: from the bundle bin/build/<name>.mjs (next to the bundle's own files) with no node
 * options; from source the TypeScript file src/<WORKER_SOURCES[name]> through tsx (`sourceWorker`).
 * @example const { file, execArgv } = workerEntryOf('particleWorker'); new Piscina({ filename: file, execArgv })
 */
export function workerEntryOf(name: WorkerName): WorkerEntry {
  if (RUNS_FROM_BUNDLE) return { file: fileURLToPath(new URL(`./${name}.mjs`, import.meta.url)), execArgv: [] };
  return sourceWorker(new URL(`../${WORKER_SOURCES[name]}`, import.meta.url));
}

/**
 * The ensemble worker (src/ensemble/worker.ts): `workerEntryOf('worker')`.
 * @example const { file, execArgv } = workerEntry(); new Piscina({ filename: file, execArgv })
 */
export function workerEntry(): WorkerEntry {
  return workerEntryOf('worker');
}
