/** Hashing hashrate by country over time, stacked, in EH/s (countries.csv `hashrate_ehs`). */
import type { Chart } from './chart.ts';
import { countryStack } from './countryStack.ts';
import type { ResultsFolder } from './resultsFolder.ts';

/** @example hashrateByCountry(readResults('results/china-2021'))?.name // 'hashrate-by-country' */
export function hashrateByCountry(folder: ResultsFolder): Chart | undefined {
  return countryStack(folder, {
    name: 'hashrate-by-country',
    title: 'Hashing hashrate by country',
    column: 'hashrate_ehs',
    axisTitle: 'hashrate (EH/s)',
    format: ',.1f',
  });
}
