/** Charts of results folders: specs (Vega-Lite), rendering (vega, resvg), and writing them with the report. */
export * from './chart.ts';
export * from './chartList.ts';
export * from './palette.ts';
export * from './resultsError.ts';
export * from './resultsFolder.ts';
export * from './tidyCsv.ts';
export * from './render.ts';
export * from './writeCharts.ts';
