/** Outputs of a run: CSV tables, the event log, the manifest, the summary table. */
export * from './csv.ts';
export * from './finite.ts';
export * from './aggregate.ts';
export * from './tables.ts';
export * from './atomicFolder.ts';
export * from './writeOutputs.ts';
export * from './summary.ts';
export * from './version.ts';
