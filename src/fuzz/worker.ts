/**
 * A fuzz worker (a child process of the pool, pool.ts): receives case numbers, builds each case, runs it
 * (runCase.ts) and sends the result back. It says when a case moves on to the command-line checks, so that
 * the pool gives those their own time.
 */
import { makeCase } from './cases.ts';
import { runCase } from './runCase.ts';

/** A request to the worker. */
export interface WorkRequest {
  seed: number;
  index: number;
  cli: boolean;
}

process.on('message', (request: WorkRequest) => {
  let fuzzCase;
  try {
    fuzzCase = makeCase(request.seed, request.index);
  } catch (e) {
    const detail = `harness: the case could not be built: ${e instanceof Error ? e.message : String(e)}`;
    process.send!({ type: 'result', index: request.index, result: { id: `${request.seed}:${request.index}`, validate: 'crash', run: 'crash', findings: [{ kind: 'crash', detail }], ms: 0 }, notes: [] });
    return;
  }
  const result = runCase(fuzzCase, { cli: request.cli });
  process.send!({ type: 'result', index: request.index, result, notes: fuzzCase.notes });
});
process.send!({ type: 'ready' });
