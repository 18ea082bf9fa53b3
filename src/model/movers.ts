/**
 * Relocation (MODEL.md section 6): agents that review this tick are served in a seeded random order; each
 * values every open destination with room, staying (if allowed) and selling (if forced), and picks by logit.
 * Capacity is reserved at decision time; a forced agent that finds no room waits in a warehouse.
 */
import { shuffleInPlace } from '../engine/streams.ts';
import { destinationValueUsdPerTh, logitChoice } from './decisions.ts';
import { loadMw, powerCostUsdPerThMonth } from './economics.ts';
import { Status } from './status.ts';
import { Policy, type World } from './world.ts';

// Imported bindings copied to module constants: under tsx and vitest every use of an import is a getter call,
// which costs more than the arithmetic of the per-agent loops below.
const { ACTIVE, HIDDEN, RETIRED, TRANSIT } = Status;
const { ANNOUNCED, OPEN } = Policy;
const [mwOf, powerCost, valueOf, choose] = [loadMw, powerCostUsdPerThMonth, destinationValueUsdPerTh, logitChoice];

/** Serves this tick's movers in seeded random order. `hashpriceUsdPerTh` is the expected hashprice. */
export function serveMovers(world: World, step: number, firstDay: number, hashpriceUsdPerTh: number): void {
  const n = world.moverCount;
  if (n === 0) return;
  // Shuffle ids and flags together: shuffle an index permutation (a reused buffer), then read through it.
  if (world.moverOrder.length < n) world.moverOrder = new Int32Array(world.moverIds.length);
  const order = world.moverOrder.subarray(0, n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, world.streams.rationing);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    chooseAndMove(world, world.moverIds[i], world.moverForced[i] === 1, step, firstDay, hashpriceUsdPerTh);
  }
  world.moverCount = 0;
}

function chooseAndMove(world: World, id: number, forced: boolean, step: number, firstDay: number, hashpriceUsdPerTh: number): void {
  const { agents, plan, regionCount: R, utilities, freeMw, policy, productiveMonths, priceNowUsdPerKwh } = world;
  const status = agents.status[id];
  if (status === RETIRED) return;
  const inWarehouse = status === TRANSIT;
  const home = inWarehouse ? agents.origin[id] : agents.region[id];
  const ths = agents.hashrateThs[id];
  const jPerTh = agents.jPerTh[id];
  const load = mwOf(ths, jPerTh);
  const opex = plan.network.opexUsdPerThMonth;
  const { leadMonths, costUsdPerTh, tariffShare } = plan.moves;
  const machineValue = plan.network.machineValueUsdPerTh[step];
  const behaviour = plan.behaviour;
  let anyDestination = false;
  for (let j = 0; j < R; j++) {
    const margin = hashpriceUsdPerTh - powerCost(jPerTh, priceNowUsdPerKwh[j]) - opex;
    if (j === home && !forced) {
      let months = productiveMonths[j];
      if (policy[j] === ANNOUNCED) months = Math.min(months, Math.max(0, (world.banEffectiveDay[j] - firstDay) / 30.44));
      utilities[j] = months * Math.max(0, margin) + behaviour.homeBiasUsdPerTh;
      continue;
    }
    if (policy[j] !== OPEN || freeMw[j] < load) {
      utilities[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    const route = home * R + j;
    const cost = costUsdPerTh[route] + tariffShare[route] * machineValue;
    utilities[j] = valueOf(productiveMonths[j], leadMonths[route], margin, cost);
    anyDestination = true;
  }
  utilities[R] = forced ? 0 : Number.NEGATIVE_INFINITY;
  if (forced && !anyDestination) return; // nowhere to go: keep waiting in the warehouse
  const choice = choose(utilities, R + 1, behaviour.logitScaleUsdPerTh, world.streams.decisions.next());
  if (choice === home && !forced) return;
  const wasDrawing = status === ACTIVE || status === HIDDEN;
  if (wasDrawing) freeMw[home] += load;
  if (choice === R || choice < 0) {
    agents.status[id] = RETIRED; // sold: leaves the fleet for good
    return;
  }
  const route = home * R + choice;
  agents.status[id] = TRANSIT;
  agents.origin[id] = home;
  agents.region[id] = choice;
  agents.arrivalStep[id] = step + 1 + Math.round(leadMonths[route]);
  agents.idleMonths[id] = 0;
  freeMw[choice] -= load;
  if (choice !== home) world.trajectory.flowsThs[(step * R + home) * R + choice] += ths;
}
