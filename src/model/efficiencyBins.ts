/**
 * Efficiency bins: log-spaced from 5 to 500 J/TH (256 bins, 1.8% each). Agents keep their bin (efficiency
 * never changes), so per-month histograms by efficiency (who could be displaced from a hosting site) cost no
 * logarithm per agent.
 */
export const EFFICIENCY_BINS = 256;
const LOG_J_MIN = Math.log(5);
const BINS_PER_LOG_J = EFFICIENCY_BINS / (Math.log(500) - LOG_J_MIN);

/** Bin of an efficiency, J/TH (clamped to the range). Example: `efficiencyBin(5)` is 0. */
export function efficiencyBin(jPerTh: number): number {
  const k = Math.floor((Math.log(jPerTh) - LOG_J_MIN) * BINS_PER_LOG_J);
  return k < 0 ? 0 : k >= EFFICIENCY_BINS ? EFFICIENCY_BINS - 1 : k;
}

/** Lower edge of bin `k`, J/TH. Example: `efficiencyBinFloor(0)` is 5. */
export function efficiencyBinFloor(k: number): number {
  return Math.exp(LOG_J_MIN + k / BINS_PER_LOG_J);
}
