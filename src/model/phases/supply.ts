/**
 * Phase 8 of the settlement: new machines offered this month (supply EH/s at the frontier efficiency) are
 * split into lots (the size of new operations, lognormal). Hosting built for next month (build-out coming
 * online, growth of the scenario's capacity path) was built for new machines its builders ordered: lots fill
 * it first (build to suit), each where it would earn money, picked in proportion to the MW still to fill.
 * The other lots take part in the capacity market like every other machine looking for power. New machines
 * are installed only where they go.
 *
 * In the first month, the machines shipped in the months before the start that are still on their way join the
 * market too (`offerPipeline`): the start fleet is what hashed at the start, not what was already bought.
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
  const ages = month.step === 0 ? pipelineMonths(world) : 0;
  ensureLots(world, n * (1 + ages));
  drawLots(world, 0, n, supplyThs, 0);
  market.lotCount = n;
  fillBuiltToSuit(world);
  for (let k = 0; k < n; k++) if (market.lotBuiltToSuitThs[k] === 0) enqueueLot(world, k);
  offerPipeline(world, n, ages, supplyThs);
}

/**
 * Months of shipments still on their way at the start: the longest lead of the routes from the supply origin,
 * rounded up (0 without an origin: new machines then arrive at once).
 * @example pipelineMonths(world) // 3 when shipping to the US takes 3 months
 */
export function pipelineMonths(world: World): number {
  const origin = world.plan.network.supplyOriginRegion;
  if (origin < 0) return 0;
  const R = world.regionCount;
  let longest = 0;
  for (let j = 0; j < R; j++) longest = Math.max(longest, world.plan.moves.leadMonths[origin * R + j]);
  return Math.ceil(longest);
}

/**
 * In the first month: lots of the machines shipped 1 .. `ages` months before this month's market, at this
 * month's supply rate, join the market. Each chooses a destination as this month's lots do; one whose route
 * takes no longer than its age has arrived and hashes in the start fleet already, so it is not installed again
 * (market.ts `placePipelineLot`); the others arrive after the rest of their lead time.
 */
function offerPipeline(world: World, n: number, ages: number, supplyThs: number): void {
  for (let age = 1; age <= ages; age++) drawLots(world, n * age, n, supplyThs, age);
  for (let k = n; k < n * (1 + ages); k++) enqueueLot(world, k);
}

/** Room for `count` lots in the market's lot arrays. */
function ensureLots(world: World, count: number): void {
  const { market } = world;
  if (market.lotThs.length >= count) return;
  const size = Math.max(count, 2 * market.lotThs.length);
  market.lotThs = new Float64Array(size);
  market.lotBuiltToSuitThs = new Float64Array(size);
  market.lotAgeMonths = new Float64Array(size);
}

/** Lots `first .. first + n - 1`: lognormal sizes summing to `totalThs`, shipped `age` months ago. */
function drawLots(world: World, first: number, n: number, totalThs: number, age: number): void {
  const { market, month } = world;
  const sigma = world.plan.agents.sizeLognormalSigma;
  let sum = 0;
  for (let k = first; k < first + n; k++) {
    // Lognormal sizes from two keyed uniforms per lot (Box-Muller).
    const u = Math.max(Number.MIN_VALUE, keyedUniform(world.keys.supply, month.step, k, 0));
    const v = keyedUniform(world.keys.supply, month.step, k, 1);
    sum += market.lotThs[k] = Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  for (let k = first; k < first + n; k++) {
    market.lotThs[k] = (market.lotThs[k] / sum) * totalThs;
    market.lotAgeMonths[k] = age;
  }
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
