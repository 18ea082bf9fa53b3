/**
 * Workers from source: a worker thread started as `workerEntry()` / `sourceWorker()` say (a .ts file, tsx registered
 * through execArgv) really runs TypeScript under node 20, importing other TypeScript modules of src/; so does piscina.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { RUNS_FROM_BUNDLE, sourceWorker, WORKER_SOURCES, workerEntry, workerEntryOf } from '../../src/build/paths.ts';

/** Starts `entry` as a worker thread, sends `message`, and resolves with its answer. */
function ask(entry: { file: string; execArgv: string[] }, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.file, { execArgv: entry.execArgv });
    worker.once('message', (answer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} before answering`)));
    worker.postMessage(message);
  });
}

describe('paths from source', () => {
  it('says it does not run from the bundle', () => {
    expect(RUNS_FROM_BUNDLE).toBe(false);
  });

  it('workerEntry() is src/ensemble/worker.ts with tsx registered through --import', () => {
    expect(workerEntry()).toEqual({
      file: fileURLToPath(new URL('../../src/ensemble/worker.ts', import.meta.url)),
      execArgv: ['--import', new URL('../../src/build/registerTsx.mjs', import.meta.url).href],
    });
  });

  it('every bundled worker module has its source under src/ (a name of WORKER_SOURCES from source is that file)', () => {
    for (const [name, source] of Object.entries(WORKER_SOURCES)) {
      const entry = workerEntryOf(name as keyof typeof WORKER_SOURCES);
      expect(entry.file).toBe(fileURLToPath(new URL(`../../src/${source}`, import.meta.url)));
      expect(existsSync(entry.file), entry.file).toBe(true);
    }
  });

  it('a TypeScript worker started that way runs and imports TypeScript from src/', async () => {
    const entry = sourceWorker(new URL('../fixtures/workers/echo.ts', import.meta.url));
    await expect(ask(entry, '2021-12')).resolves.toBe('2022-01');
  });

  it('without the tsx loader the same worker does not start (the execArgv is what makes it work)', async () => {
    const entry = sourceWorker(new URL('../fixtures/workers/echo.ts', import.meta.url));
    await expect(ask({ file: entry.file, execArgv: [] }, '2021-12')).rejects.toThrow(/Unknown file extension/);
  });

  it('a piscina pool runs a TypeScript task module the same way', async () => {
    const entry = sourceWorker(new URL('../fixtures/workers/square.ts', import.meta.url));
    const pool = new Piscina({ filename: entry.file, execArgv: entry.execArgv, minThreads: 2, maxThreads: 2 });
    try {
      expect(await Promise.all([3, 4, 5].map((x) => pool.run(x)))).toEqual([9, 16, 25]);
    } finally {
      await pool.destroy();
    }
  });
});
