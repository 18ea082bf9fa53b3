// Loaded with `node --import` in worker threads started from source (see paths.ts, `sourceWorker`): registers tsx's
// loader in the worker so it can run TypeScript. Plain JavaScript on purpose: it runs before anything can load .ts.
// (`--import tsx` does not work in a worker thread on node 20: tsx's own entry does not register hooks there.)
import { register } from 'tsx/esm/api';

register();
