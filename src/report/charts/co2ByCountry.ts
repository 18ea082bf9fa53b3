/** CO2 emitted for mining by country, per month, stacked, in Mt CO2 (countries.csv `co2_mt`). */
import type { Chart } from './chart.ts';
import { countryStack } from './countryStack.ts';
import type { ResultsFolder } from './resultsFolder.ts';

/** @example co2ByCountry(readResults('results/china-2021'))?.name // 'co2-by-country' */
export function co2ByCountry(folder: ResultsFolder): Chart | undefined {
  return countryStack(folder, {
    name: 'co2-by-country',
    title: 'CO2 emitted by miners, by country',
    column: 'co2_mt',
    axisTitle: 'CO2 (Mt per month)',
    format: ',.2f',
  });
}
