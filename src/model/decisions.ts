/**
 * Decision rules (MODEL.md sections 4 and 6) as pure functions of their inputs and a uniform draw,
 * so each can be tested alone.
 */

/**
 * Multinomial logit choice: option j is picked with probability exp(U_j / scale) / sum_k exp(U_k / scale).
 * Options with utility -Infinity are unavailable. `uniform` is a draw in [0, 1). Returns the chosen index,
 * or -1 when no option is available. Utilities and scale are in USD per TH/s.
 * Example: utilities [0, 10] with scale 1 pick index 1 for almost every draw.
 */
export function logitChoice(utilities: Float64Array, count: number, scaleUsdPerTh: number, uniform: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < count; j++) if (utilities[j] > best) best = utilities[j];
  if (best === Number.NEGATIVE_INFINITY) return -1;
  const scale = scaleUsdPerTh > 0 ? scaleUsdPerTh : 1e-9;
  if (weights.length < count) weights = new Float64Array(2 * count);
  let total = 0;
  for (let j = 0; j < count; j++) {
    const w = utilities[j] !== Number.NEGATIVE_INFINITY ? Math.exp((utilities[j] - best) / scale) : 0;
    weights[j] = w;
    total += w;
  }
  let target = uniform * total;
  let last = -1;
  for (let j = 0; j < count; j++) {
    if (utilities[j] === Number.NEGATIVE_INFINITY) continue;
    last = j;
    target -= weights[j];
    if (target < 0) return j;
  }
  return last;
}

/** Scratch of `logitChoice`: each option's exp((U - best) / scale). */
let weights = new Float64Array(64);

/**
 * Expected productive months over a horizon when a ban may strike with `banHazardPerYear`:
 * sum over h = 1..horizon of (1 - hazard)^(h / 12).
 * Example: 12 months with no hazard is 12; with hazard 1 it is 0.
 */
export function hazardDiscountedMonths(horizonMonths: number, banHazardPerYear: number): number {
  const hazard = Math.min(1, Math.max(0, banHazardPerYear));
  if (hazard === 0) return horizonMonths;
  if (hazard === 1) return 0;
  const q = Math.pow(1 - hazard, 1 / 12);
  let sum = 0;
  let w = 1;
  for (let h = 1; h <= horizonMonths; h++) {
    w *= q;
    sum += w;
  }
  return sum;
}

/**
 * Whether an agent runs this month, with hysteresis: an active one switches off when its margin falls below
 * -h * hashprice, an idle one switches on when it rises above +h * hashprice (all USD per TH/s per month).
 * Example: `wantsToRun(true, -0.01, 10, 0.05)` is true (inside the band, it keeps running).
 */
export function wantsToRun(isActive: boolean, marginUsdPerTh: number, hashpriceUsdPerTh: number, hysteresis: number): boolean {
  const band = hysteresis * Math.abs(hashpriceUsdPerTh);
  return isActive ? marginUsdPerTh >= -band : marginUsdPerTh > band;
}

/**
 * Steps until the next own review: a geometric draw with monthly probability `p` (at least 1 month).
 * Example: p = 1 gives 1 for every draw.
 */
export function monthsUntilReview(probabilityPerMonth: number, uniform: number): number {
  const p = Math.min(1, Math.max(1e-6, probabilityPerMonth));
  if (p >= 1) return 1;
  return 1 + Math.floor(Math.log(1 - uniform) / Math.log(1 - p));
}

/**
 * Value of operating one TH/s in a place over the horizon, net of the move, USD per TH/s:
 * max(0, productive months - lead months) * max(0, margin) - move cost.
 * Example: 12 months, 3 in transit, margin 2, cost 5 gives 13.
 */
export function destinationValueUsdPerTh(productiveMonths: number, leadMonths: number, marginUsdPerTh: number, moveCostUsdPerTh: number): number {
  return Math.max(0, productiveMonths - leadMonths) * Math.max(0, marginUsdPerTh) - moveCostUsdPerTh;
}
