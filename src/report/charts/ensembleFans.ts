/**
 * An ensemble's fan charts (summary_countries.csv, summary_network.csv): hashing hashrate and share by country,
 * and the network's hashrate, hashprice, energy and CO2; median, 25-75% and 5-95% bands over the runs.
 */
import type { Chart } from './chart.ts';
import { fanChart } from './fanChart.ts';
import { countryScale, NEUTRAL } from './palette.ts';
import type { ResultsFolder } from './resultsFolder.ts';

function countries(folder: ResultsFolder): string[] {
  return [...new Set(folder.summaryCountries!.rows.map((r) => String(r.country)))].sort();
}

/** @example fanHashrateByCountry(readResults('results/ens'))?.name // 'fan-hashrate-by-country' */
export function fanHashrateByCountry(folder: ResultsFolder): Chart | undefined {
  if (!folder.summaryCountries) return undefined;
  return fanChart(folder.summaryCountries, folder.manifest, {
    name: 'fan-hashrate-by-country',
    title: 'Hashing hashrate by country over the runs (EH/s): median, 25-75% and 5-95%',
    key: 'country',
    variables: [{ variable: 'hashrate_ehs', axis: 'EH/s', format: ',.1f' }],
    scale: countryScale(countries(folder)),
  });
}

/** @example fanShareByCountry(readResults('results/ens'))?.name // 'fan-share-by-country' */
export function fanShareByCountry(folder: ResultsFolder): Chart | undefined {
  if (!folder.summaryCountries) return undefined;
  return fanChart(folder.summaryCountries, folder.manifest, {
    name: 'fan-share-by-country',
    title: 'Share of network hashrate by country over the runs: median, 25-75% and 5-95%',
    key: 'country',
    variables: [{ variable: 'share', axis: 'share (%)', format: '.0%' }],
    scale: countryScale(countries(folder)),
  });
}

/** The network's variables and their axis titles (units). */
export const NETWORK_FAN_VARIABLES = [
  { variable: 'hashrate_ehs', axis: 'hashrate (EH/s)', format: ',.0f' },
  { variable: 'hashprice_usd_per_th_month', axis: 'hashprice (USD per TH/s per month)', format: ',.2f' },
  { variable: 'energy_twh', axis: 'energy (TWh per month)', format: ',.2f' },
  { variable: 'co2_mt', axis: 'CO2 (Mt per month)', format: ',.2f' },
];

/** @example fanNetwork(readResults('results/ens'))?.series // ['hashrate (EH/s)', ...] */
export function fanNetwork(folder: ResultsFolder): Chart | undefined {
  if (!folder.summaryNetwork) return undefined;
  return fanChart(folder.summaryNetwork, folder.manifest, {
    name: 'fan-network',
    title: 'The network over the runs: median, 25-75% and 5-95%',
    variables: NETWORK_FAN_VARIABLES,
    scale: { domain: [], range: [NEUTRAL.network, NEUTRAL.implied, NEUTRAL.blocks, '#882255'] },
  });
}
