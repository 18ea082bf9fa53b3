/**
 * The backtest's public API (the ABC calibration lives in ./abc/): observations, the observation model of the
 * CBECI map, error metrics, baselines, ensemble scoring, windows and the backtest itself.
 */
export * from './observations.ts';
export * from './observationModel.ts';
export * from './runSeries.ts';
export * from './runSource.ts';
export * from './ensembleRunSource.ts';
export * from './metrics.ts';
export * from './ensembleScore.ts';
export * from './baselines.ts';
export * from './window.ts';
export * from './backtest.ts';
export * from './backtestReport.ts';
