/** Share of the network's hashing hashrate by country over time, stacked to 100% (countries.csv `share`). */
import type { Chart } from './chart.ts';
import { countryStack } from './countryStack.ts';
import type { ResultsFolder } from './resultsFolder.ts';

/** @example shareByCountry(readResults('results/china-2021'))?.name // 'share-by-country' */
export function shareByCountry(folder: ResultsFolder): Chart | undefined {
  return countryStack(folder, {
    name: 'share-by-country',
    title: 'Share of hashing hashrate by country',
    column: 'share',
    axisTitle: 'share of network hashrate (%)',
    format: '.0%',
    normalize: true,
  });
}
