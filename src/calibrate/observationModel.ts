/**
 * The observation model: what the Cambridge (CBECI) mining map would have shown of a simulated world.
 *
 * The map is not a census. It geolocated the IP addresses of hashers in a few pools (BTC.com, Poolin, ViaBTC,
 * about 37% of hashrate; Foundry added in the August 2021 update) and reported each country's share of the
 * hashrate it could place (`scenarios/data/FACTS.md`). So:
 * 1. Covert mining hides its location. Of the hidden hashrate of a banned region, a share `hiddenSeenShare`
 *    still reaches the sampled pools through proxies or VPN exits abroad and is geolocated where those exits
 *    are (`proxyAt`: by default Germany and Ireland, which CCAF flags as proxy-distorted); the rest is unseen
 *    (other pools, or not geolocated) and leaves the map's denominator.
 * 2. Once most of a country is banned, the map counts only declared mining there: from the first month whose
 *    first day has bans in force over at least `declaredOnlyBanShare` of the country's start hashrate, its
 *    still-active hashrate is concealed the same way (seen abroad with `hiddenSeenShare`, or unseen). This is
 *    the reading CCAF gave of China's 0% in July and August 2021 ("declared mining only").
 * 3. The sampled pools may cover countries unevenly: `poolCoverage[c]` (default 1) multiplies everything
 *    country c's miners contribute before shares are taken.
 * 4. Not every concealed miner hides its address: a share `seenAtHome[c]` (default 0) of country c's concealed
 *    hashrate is still geolocated at home (Iran's unlicensed majority mined from Iranian addresses before, during
 *    and after its 2021 ban); only the rest goes through proxies or leaves the map.
 * 5. The map is a sample: with `mapSampleSize` > 0 its shares carry a sampling error (observationNoise.ts), and
 *    the network hashrate the blockchain shows an estimation error of relative size `hashrateNoise`.
 * 6. The model is not the world: with `discrepancySampleSize` or `discrepancyHashrate` > 0, a persistent model
 *    error is added before the measurement error (modelDiscrepancy.ts; `calibrate` estimates it).
 * Germany and Ireland are then folded into OTHER, as in the observed rows, so the map view has the eight scored
 * countries. The July-August 2021 evidence: China at 0%, Germany + Ireland from 5.0% (May) to 9.8% (July) and
 * 9.2% (August) of the map, i.e. by the map's own arithmetic (share x network hashrate) from 8.1 to 9.8 and
 * 11.1 EH/s: part of China's remaining hashrate surfaced there, the rest left the map.
 *
 * The raw view is the simulated truth: each scored country's share of hashing (active + hidden) hashrate.
 * Both views are in percent and sum to 100 in every month with any hashing.
 *
 * Parameters come from the scenario's optional `observation:` section (schema: src/scenario/schema.ts), with
 * `DEFAULT_OBSERVATION` for what it leaves out; the scalar ones may be distributions, drawn per run.
 */
import { namedStream } from '../engine/streams.ts';
import { draw, type Distribution } from '../scenario/distributions.ts';
import { addShareDiscrepancy, NO_DISCREPANCY, type DiscrepancyParams } from './modelDiscrepancy.ts';
import { addMapNoise } from './observationNoise.ts';
import { MAP_COUNTRIES, SCORED_COUNTRIES, scoredCountryOf, type MapCountry } from './observations.ts';
import type { RunSeries } from './runSeries.ts';

/** The parameters of the observation model (one run's values), model discrepancy included. */
export interface ObservationParams extends DiscrepancyParams {
  /** Share (0..1) of concealed hashrate that the map geolocates at `proxyAt`; the rest is unseen. */
  hiddenSeenShare: number;
  /** Where proxied hashrate is geolocated: weights >= 0 over the map's countries (normalised to sum 1). */
  proxyAt: Partial<Record<MapCountry, number>>;
  /**
   * Ban coverage (0..1 of a country's start hashrate, on a month's first day) from which the map counts only
   * declared mining in that country (its active hashrate is concealed too). Above 1: never.
   */
  declaredOnlyBanShare: number;
  /** Relative weight of each simulated country's hashrate in the sampled pools (missing: 1). */
  poolCoverage: Record<string, number>;
  /** Share (0..1) of each country's concealed hashrate the map still geolocates at home (missing: 0). */
  seenAtHome: Record<string, number>;
  /** Independent units the map's shares rest on, for their sampling error (0: none). */
  mapSampleSize: number;
  /** Relative error of the network hashrate estimate (0: none). */
  hashrateNoise: number;
}

/**
 * The defaults (priors, not fits): half of concealed hashrate seen, split evenly between the two countries
 * CCAF flags as proxies (they gained about equally in July-August 2021); declared-only from half a country
 * banned; pools cover every country alike (nothing in scenarios/data says otherwise).
 */
export const DEFAULT_OBSERVATION: Readonly<ObservationParams> = Object.freeze({
  hiddenSeenShare: 0.5,
  proxyAt: Object.freeze({ DE: 0.5, IE: 0.5 }),
  declaredOnlyBanShare: 0.5,
  poolCoverage: Object.freeze({}),
  seenAtHome: Object.freeze({}),
  mapSampleSize: 0,
  hashrateNoise: 0,
  ...NO_DISCREPANCY,
});

/** The scalar parameters that may be written as distributions in a scenario. */
const SCALARS = [
  'hiddenSeenShare',
  'declaredOnlyBanShare',
  'mapSampleSize',
  'hashrateNoise',
  'discrepancySampleSize',
  'discrepancyShareCorrelation',
  'discrepancyHashrate',
  'discrepancyHashrateCorrelation',
] as const;

/**
 * One run's observation parameters from a resolved scenario's `observation` section (missing fields take the
 * defaults). A scalar written as a distribution is drawn from the named stream `draw:observation.<field>` of
 * the run seed, like every other drawn scenario value.
 * @example observationParams(loadScenario('scenarios/china-2021.yaml').data, 7).hiddenSeenShare // 0.5
 */
export function observationParams(scenarioData: unknown, seed: number): ObservationParams {
  const section = ((scenarioData as Record<string, unknown> | null)?.observation ?? {}) as Record<string, unknown>;
  const out: ObservationParams = {
    hiddenSeenShare: DEFAULT_OBSERVATION.hiddenSeenShare,
    proxyAt: { ...((section.proxyAt as ObservationParams['proxyAt']) ?? DEFAULT_OBSERVATION.proxyAt) },
    declaredOnlyBanShare: DEFAULT_OBSERVATION.declaredOnlyBanShare,
    poolCoverage: { ...((section.poolCoverage as Record<string, number>) ?? DEFAULT_OBSERVATION.poolCoverage) },
    seenAtHome: { ...((section.seenAtHome as Record<string, number>) ?? DEFAULT_OBSERVATION.seenAtHome) },
    mapSampleSize: DEFAULT_OBSERVATION.mapSampleSize,
    hashrateNoise: DEFAULT_OBSERVATION.hashrateNoise,
    ...NO_DISCREPANCY,
  };
  for (const key of SCALARS) {
    const v = section[key];
    if (typeof v === 'number') out[key] = v;
    else if (v && typeof v === 'object' && 'dist' in v) out[key] = draw(v as Distribution, namedStream(seed, `draw:observation.${key}`));
  }
  out.hiddenSeenShare = Math.min(1, Math.max(0, out.hiddenSeenShare));
  // A drawn correlation outside 0..0.99 (a normal's tail) would make the AR(1) explode or NaN: clamped, as the schema bounds a number.
  out.discrepancyShareCorrelation = Math.min(0.99, Math.max(0, out.discrepancyShareCorrelation));
  out.discrepancyHashrateCorrelation = Math.min(0.99, Math.max(0, out.discrepancyHashrateCorrelation));
  return out;
}

/** Observation parameters compiled against a run's country list, for fast repeated use. */
export interface CompiledObservation {
  params: ObservationParams;
  /** Scored-country index of each simulated country. */
  home: Int32Array;
  /** Pool coverage weight of each simulated country. */
  weight: Float64Array;
  /** Where proxied hashrate lands, folded onto the scored countries (sums to 1). */
  proxyScored: Float64Array;
  /** Share of each simulated country's concealed hashrate geolocated at home. */
  atHome: Float64Array;
}

/**
 * Compiles `params` for the simulated `countries` (a `RunSeries.countries` list). Throws a `RangeError` when
 * `proxyAt` has no positive weight.
 * @example compileObservation(DEFAULT_OBSERVATION, ['CN', 'US']).proxyScored[7] // 1: DE and IE are OTHER
 */
export function compileObservation(params: ObservationParams, countries: readonly string[]): CompiledObservation {
  const home = Int32Array.from(countries, (c) => SCORED_COUNTRIES.indexOf(scoredCountryOf(c)));
  const weight = Float64Array.from(countries, (c) => params.poolCoverage[c] ?? 1);
  const atHome = Float64Array.from(countries, (c) => params.seenAtHome[c] ?? 0);
  const proxyScored = new Float64Array(SCORED_COUNTRIES.length);
  let total = 0;
  for (const code of MAP_COUNTRIES) {
    const w = params.proxyAt[code] ?? 0;
    proxyScored[SCORED_COUNTRIES.indexOf(scoredCountryOf(code))] += w;
    total += w;
  }
  if (!(total > 0)) throw new RangeError('observation.proxyAt: expected at least one positive weight');
  for (let k = 0; k < proxyScored.length; k++) proxyScored[k] /= total;
  return { params, home, weight, proxyScored, atHome };
}

function toPercent(out: Float64Array, base: number, K: number): void {
  let total = 0;
  for (let k = 0; k < K; k++) total += out[base + k];
  for (let k = 0; k < K; k++) out[base + k] = total > 0 ? (100 * out[base + k]) / total : 0;
}

/**
 * The raw view: each scored country's share (%) of hashing (active + hidden) hashrate, per month, into `out`
 * (length months x 8, index `step * 8 + k` in `SCORED_COUNTRIES` order; allocated when not given).
 * @example rawSharesPercent(run)[0 * 8 + 0] // CN's share of the first month, in %
 */
export function rawSharesPercent(run: RunSeries, out = new Float64Array(run.months * SCORED_COUNTRIES.length)): Float64Array {
  const C = run.countries.length;
  const K = SCORED_COUNTRIES.length;
  out.fill(0);
  const home = Int32Array.from(run.countries, (c) => SCORED_COUNTRIES.indexOf(scoredCountryOf(c)));
  for (let s = 0; s < run.months; s++) {
    for (let c = 0; c < C; c++) out[s * K + home[c]] += run.activeThs[s * C + c] + run.hiddenThs[s * C + c];
    toPercent(out, s * K, K);
  }
  return out;
}

/**
 * The map view: what the CBECI map would have shown of the run, as each scored country's share (%) per month,
 * into `out` (as `rawSharesPercent`). `model` must be compiled for `run.countries`.
 * @example mapSharesPercent(run, compileObservation(DEFAULT_OBSERVATION, run.countries))
 */
export function mapSharesPercent(run: RunSeries, model: CompiledObservation, out = new Float64Array(run.months * SCORED_COUNTRIES.length)): Float64Array {
  const C = run.countries.length;
  const K = SCORED_COUNTRIES.length;
  const { home, weight, proxyScored, atHome } = model;
  const seen = model.params.hiddenSeenShare;
  const threshold = model.params.declaredOnlyBanShare;
  out.fill(0);
  for (let s = 0; s < run.months; s++) {
    const base = s * K;
    let proxied = 0;
    for (let c = 0; c < C; c++) {
      const k = s * C + c;
      const declaredOnly = run.banCoverage[k] > 0 && run.banCoverage[k] >= threshold;
      const active = run.activeThs[k] * weight[c];
      const concealed = (run.hiddenThs[k] + (declaredOnly ? run.activeThs[k] : 0)) * weight[c];
      if (!declaredOnly) out[base + home[c]] += active;
      out[base + home[c]] += atHome[c] * concealed;
      proxied += seen * (1 - atHome[c]) * concealed;
    }
    for (let j = 0; j < K; j++) out[base + j] += proxied * proxyScored[j];
    toPercent(out, base, K);
  }
  const p = model.params;
  addShareDiscrepancy(out, run.months, K, p.discrepancySampleSize, p.discrepancyShareCorrelation, run.seed);
  addMapNoise(out, run.months, K, p.mapSampleSize, run.seed);
  return out;
}
