/** Energy drawn by hashing machines by country, per month, stacked, in TWh (countries.csv `energy_twh`). */
import type { Chart } from './chart.ts';
import { countryStack } from './countryStack.ts';
import type { ResultsFolder } from './resultsFolder.ts';

/** @example energyByCountry(readResults('results/china-2021'))?.name // 'energy-by-country' */
export function energyByCountry(folder: ResultsFolder): Chart | undefined {
  return countryStack(folder, {
    name: 'energy-by-country',
    title: 'Energy drawn by miners, by country',
    column: 'energy_twh',
    axisTitle: 'energy (TWh per month)',
    format: ',.2f',
  });
}
