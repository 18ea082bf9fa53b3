/**
 * A stochastic path: geometric Brownian motion with monthly steps,
 * `S[m+1] = S[m] * exp((mu - sigma^2 / 2) * dt + sigma * sqrt(dt) * z)`, `dt = 1/12` year, `S[0] = initial`,
 * one standard normal `z` per month from the seeded stream `gbm:<field.path>`.
 */
import { normalDraw, type RandomStream } from '../engine/streams.ts';

/**
 * `months` values of a GBM path starting at `initial`, with drift `driftPerYear` and volatility
 * `volatilityPerYear` (0.6 = 60% per year).
 * @example gbmPath(100, 0, 0, 3, rng) // [100, 100, 100]
 */
export function gbmPath(initial: number, driftPerYear: number, volatilityPerYear: number, months: number, rng: RandomStream): Float64Array {
  const out = new Float64Array(months);
  const dt = 1 / 12;
  const drift = (driftPerYear - (volatilityPerYear * volatilityPerYear) / 2) * dt;
  const vol = volatilityPerYear * Math.sqrt(dt);
  let s = initial;
  for (let m = 0; m < months; m++) {
    out[m] = s;
    s *= Math.exp(drift + vol * normalDraw(rng));
  }
  return out;
}
