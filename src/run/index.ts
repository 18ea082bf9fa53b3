/** The run API: scenario + overrides + seed -> plan + trajectory (see runScenario.ts). */
export { runScenario, prepareRuns, withOverrides, type RunResult, type RunOptions } from './runScenario.ts';
