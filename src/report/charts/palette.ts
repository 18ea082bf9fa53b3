/**
 * One palette for every chart, so a country (or a region) has the same colour everywhere. Countries take Paul
 * Tol's "muted" scheme (colour-blind safe, nine colours plus grey); regions take the Okabe-Ito scheme
 * (colour-blind safe, eight colours). Ids not listed get the remaining colours in sorted order, then cycle.
 */

/** Fixed colours of the countries of the shipped scenarios. */
export const COUNTRY_COLOURS: Readonly<Record<string, string>> = {
  CN: '#CC6677', // rose
  US: '#332288', // indigo
  KZ: '#DDCC77', // sand
  RU: '#117733', // green
  CA: '#88CCEE', // cyan
  MY: '#882255', // wine
  IR: '#44AA99', // teal
  KG: '#999933', // olive
  OTHER: '#BBBBBB', // grey
};

/** Colours handed out to countries not listed above, in order. */
const SPARE_COUNTRY_COLOURS = ['#AA4499', '#6699CC', '#EE8866', '#000000', '#DDDDDD'];

/** Okabe-Ito colours for regions, in order of preference. */
const REGION_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442', '#000000'];

/** Fixed colours of China's provinces (a region chart mostly shows them). */
export const REGION_FIXED: Readonly<Record<string, string>> = {
  'CN-XJ': '#E69F00',
  'CN-SC': '#56B4E9',
  'CN-NM': '#009E73',
  'CN-YN': '#0072B2',
  'CN-QH': '#D55E00',
  'CN-AH': '#CC79A7',
  'CN-OTHER': '#999999',
};

/**
 * Colour scale (domain and range) for countries, in the given (sorted) order.
 * @example countryScale(['CN', 'US']) // {domain: ['CN', 'US'], range: ['#CC6677', '#332288']}
 */
export function countryScale(countries: readonly string[]): { domain: string[]; range: string[] } {
  let spare = 0;
  const range = countries.map((c) => COUNTRY_COLOURS[c] ?? SPARE_COUNTRY_COLOURS[spare++ % SPARE_COUNTRY_COLOURS.length]);
  return { domain: [...countries], range };
}

/**
 * Colour scale for regions: China's provinces have fixed colours; other regions take the unused Okabe-Ito colours.
 * @example regionScale(['CN-SC', 'KZ']).range // ['#56B4E9', '#E69F00']
 */
export function regionScale(regions: readonly string[]): { domain: string[]; range: string[] } {
  const used = new Set(regions.map((r) => REGION_FIXED[r]).filter(Boolean));
  const free = REGION_COLOURS.filter((c) => !used.has(c));
  let spare = 0;
  const range = regions.map((r) => REGION_FIXED[r] ?? free[spare++ % free.length] ?? REGION_COLOURS[spare % REGION_COLOURS.length]);
  return { domain: [...regions], range };
}

/** Colour of a series that is not a country: the observed data, the network, baselines. */
export const NEUTRAL = { observed: '#000000', network: '#332288', implied: '#EE7733', blocks: '#44AA99', marker: '#555555' } as const;
