/**
 * Fitting load to capacity when capacity falls: on the day of a power cut or a loss of capacity
 * (`curtailNow`), and at the month's end for next month's capacity (`fitNextMonth`: a dry season ahead). The
 * least efficient machines are switched off first (active before covert; ties by id); a covert operation
 * switched off waits in place.
 */
import { changeStatus } from '../accounting.ts';
import { loadMw } from '../economics.ts';
import { ACTIVE, IDLE } from '../status.ts';
import type { World } from '../world.ts';
import { capacityNowMw } from './conditions.ts';
import { removeDisplaceableMw } from './market.ts';
import { hashingAgentsByRegion } from './production.ts';

/**
 * Switches machines off in region `r` on `day` until the load drawn fits the capacity in force that day.
 * @example curtailNow(world, kz, dayNumber(2021, 10, 1)) // rationing starts: the least efficient go dark
 */
export function curtailNow(world: World, r: number, day: number): void {
  curtailRegionsNow(world, [r], day);
}

/**
 * `curtailNow` for each region of `regions` in turn, with their hashing machines listed in one pass over the fleet
 * (switching machines off in one region leaves every other region's list as it was).
 * @example curtailRegionsNow(world, [0, 1, 2], startDay) // a start fleet larger than its regions' capacity
 */
export function curtailRegionsNow(world: World, regions: number[], day: number): void {
  const lists = hashingAgentsByRegion(world, regions, world.regionCount);
  for (const r of regions) switchOffToFit(world, r, day, lists[r]);
}

/** Switches machines of `ids` (region `r`'s hashing machines, least efficient first) off on `day` until the load fits. */
function switchOffToFit(world: World, r: number, day: number, ids: number[]): void {
  const capacity = capacityNowMw(world, r);
  let load = 0;
  for (const id of ids) load += loadMw(world.agents.hashrateThs[id], world.agents.jPerTh[id]);
  for (const id of ids) {
    if (load <= capacity * (1 + 1e-12)) break;
    load -= loadMw(world.agents.hashrateThs[id], world.agents.jPerTh[id]);
    changeStatus(world, id, IDLE, r, day);
  }
}

/**
 * At the month's end, in regions where drawing load plus reserved shipments exceed next month's capacity,
 * switches the least efficient machines off from next month; calls `onSwitchedOff(id)` for each (they look
 * for power in this month's market). Keeps `next.freeMw` and the displaceable histogram current.
 */
export function fitNextMonth(world: World, onSwitchedOff: (id: number) => void): void {
  const R = world.regionCount;
  const free = world.next.freeMw;
  const over: number[] = [];
  for (let r = 0; r < R; r++) if (free[r] < -1e-9 * Math.max(1, world.next.capacityMw[r])) over.push(r);
  if (over.length === 0) return;
  const lists = hashingAgentsByRegion(world, over, R);
  const { agents, market } = world;
  for (const r of over) {
    for (const id of lists[r]) {
      if (free[r] >= 0) break;
      const load = loadMw(agents.hashrateThs[id], agents.jPerTh[id]);
      free[r] += load;
      if (agents.status[id] === ACTIVE) {
        removeDisplaceableMw(market, r, agents.jBin[id], load);
      }
      changeStatus(world, id, IDLE, r, world.month.endDay);
      onSwitchedOff(id);
    }
  }
}
