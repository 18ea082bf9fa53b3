/**
 * Phase 8 of the settlement: new machines offered this month (supply EH/s at the frontier efficiency) are
 * split into lots (the size of new operations, lognormal). Hosting built for next month (build-out coming
 * online, growth of the scenario's capacity path) was built for new machines its builders ordered: lots fill
 * it first (build to suit), each where it would earn money, picked in proportion to the MW still to fill.
 * The other lots take part in the capacity market like every other machine looking for power. New machines
 * are installed only where they go.
 */
import { keyedUniform } from '../../engine/streams.ts';
import { Policy } from '../status.ts';
import { THS_PER_EHS, WATTS_PER_MW } from '../units.ts';
import type { World } from '../world.ts';
import { enqueueLot, placeLot, valueLots } from './market.ts';

/** Keyed draw slot of the `supply` stream: which new site a lot fills. */
const BUILT_TO_SUIT_SLOT = 5;

/**
 * Offers this month's new machines as lots to the market.
 * @example offerNewMachines(world); world.market.lotCount // lots of new machines this month
 */
export function offerNewMachines(world: World): void {
  const { plan, market, month } = world;
  market.lotCount = 0;
  valueLots(world);
  const supplyThs = plan.network.supplyEhsPerMonth[month.step] * THS_PER_EHS;
  if (!(supplyThs > 0)) return;
  const meanSizeThs = plan.agents.newAgentSizeEhs > 0 ? plan.agents.newAgentSizeEhs * THS_PER_EHS : world.meanAgentThs;
  const n = Math.max(1, Math.round(supplyThs / meanSizeThs));
  if (market.lotThs.length < n) {
    market.lotThs = new Float64Array(Math.max(n, 2 * market.lotThs.length));
    market.lotBuiltToSuitThs = new Float64Array(market.lotThs.length);
  }
  const sigma = plan.agents.sizeLognormalSigma;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    // Lognormal sizes from two keyed uniforms per lot (Box-Muller).
    const u = Math.max(Number.MIN_VALUE, keyedUniform(world.keys.supply, month.step, k, 0));
    const v = keyedUniform(world.keys.supply, month.step, k, 1);
    sum += market.lotThs[k] = Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  for (let k = 0; k < n; k++) market.lotThs[k] = (market.lotThs[k] / sum) * supplyThs;
  market.lotCount = n;
  fillBuiltToSuit(world);
  for (let k = 0; k < n; k++) if (market.lotBuiltToSuitThs[k] === 0) enqueueLot(world, k);
}

/**
 * MW of hosting built for next month in each open region (build-out coming online and growth of the scenario's
 * capacity path), still free next month.
 */
export function builtToSuitMw(world: World): Float64Array {
  const { plan, month, next } = world;
  const R = world.regionCount;
  const out = new Float64Array(R);
  const s = month.step;
  if (s + 1 >= plan.months) return out;
  for (let r = 0; r < R; r++) {
    if (world.bans.policy[r] !== Policy.OPEN) continue;
    const path = plan.regions[r].capacityMw;
    const built = world.buildPipelineMw[(s + 1) * R + r] + Math.max(0, path[s + 1] - path[s]);
    out[r] = Math.max(0, Math.min(built, next.freeMw[r]));
  }
  return out;
}

/** Places lots on the hosting built for new machines (see the module comment). */
function fillBuiltToSuit(world: World): void {
  const { market, month, plan } = world;
  const R = world.regionCount;
  const toFill = builtToSuitMw(world);
  const values = market.lotNetValues; // -Infinity where not open or not earning money
  const jPerTh = plan.network.frontierJPerTh[month.step];
  market.lotBuiltToSuitThs.fill(0, 0, market.lotCount);
  let remaining = 0;
  for (let r = 0; r < R; r++) remaining += toFill[r];
  for (let k = 0; k < market.lotCount && remaining > 0; k++) {
    const ths = market.lotThs[k];
    const load = (ths * jPerTh) / WATTS_PER_MW;
    let total = 0;
    for (let r = 0; r < R; r++) if (toFill[r] >= load && values[r] > 0) total += toFill[r];
    if (!(total > 0)) continue;
    let target = keyedUniform(world.keys.supply, month.step, k, BUILT_TO_SUIT_SLOT) * total;
    let pick = -1;
    for (let r = 0; r < R && pick < 0; r++) {
      if (!(toFill[r] >= load && values[r] > 0)) continue;
      target -= toFill[r];
      if (target < 0) pick = r;
    }
    if (pick < 0) continue;
    placeLot(world, k, ths, jPerTh, plan.network.supplyOriginRegion, pick);
    market.lotBuiltToSuitThs[k] = ths;
    toFill[pick] -= load;
    remaining -= load;
  }
}
