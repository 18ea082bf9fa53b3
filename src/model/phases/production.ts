/**
 * Phase 2 of the settlement: the month's production, settled before any decision (MODEL.md section 1).
 * Shipments due this month arrive on their day; every agent's days in each status and region are booked
 * (accounting.ts), so a ban on the 20th or an arrival on the 10th counts by days; where the month's mean
 * load would exceed its mean capacity (a shipment landing after a power cut) the least efficient machines
 * are counted switched off for the month. Blocks follow the difficulty lag, then hashprice and revenue.
 * The month's row of the trajectory is written here and only here; the accounts are then closed, and status
 * changes decided later in the settlement count from the next month.
 */
import { accrue, changeStatus } from '../accounting.ts';
import { blocksPerMonth, hashpriceUsdPerThMonth } from '../economics.ts';
import { ACTIVE, HIDDEN, IDLE, RETIRED, TRANSIT } from '../status.ts';
import { HOURS_PER_DAY, MT_PER_TWH_TIMES_G_PER_KWH, MWH_PER_TWH, WATTS_PER_MW } from '../units.ts';
import type { World } from '../world.ts';
import type { MonthEconomics } from './conditions.ts';
import { efficiencyOrder } from './market.ts';

/** What production reads and writes. */
export type ProductionInput = Pick<World, 'plan' | 'regionCount' | 'agents' | 'market' | 'month' | 'accounts' | 'capacityMw' | 'priceUsdPerKwh'
  | 'difficultyImpliedThs' | 'installedThs' | 'retiredThs' | 'trajectory'>;

/**
 * Settles the month `w.month`: arrivals, day-weighted statuses, production, and the output row.
 * @example settleProduction(world, closeMonth(world)); world.trajectory.network.hashingThs[step] // mean TH/s hashing
 */
export function settleProduction(w: ProductionInput, m: MonthEconomics): void {
  const { agents, month, regionCount: R, trajectory } = w;
  const { step, endDay } = month;
  const reg = trajectory.region;
  const base = step * R;
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s === RETIRED) continue;
    if (s === TRANSIT && agents.region[id] >= 0 && agents.arrivalDay[id] < endDay) {
      const day = Math.max(agents.arrivalDay[id], month.accountsFromDay);
      changeStatus(w, id, ACTIVE, agents.region[id], day);
    }
    accrue(w, id, endDay);
    let r = agents.region[id];
    if (r < 0) r = agents.origin[id];
    const k = base + r;
    const status = agents.status[id];
    if (status === ACTIVE) reg.agentsActive[k]++;
    else if (status === HIDDEN) reg.agentsHidden[k]++;
    else if (status === IDLE) reg.agentsIdle[k]++;
    else reg.agentsTransit[k]++;
  }
  const days = endDay - month.firstDay;
  fitMonthToCapacity(w, days);
  const { thsDays, loadMwDays } = w.accounts;
  let hashingThs = 0;
  const hours = days * HOURS_PER_DAY;
  for (let r = 0; r < R; r++) {
    const k = base + r;
    reg.activeThs[k] = thsDays[ACTIVE * R + r] / days;
    reg.idleThs[k] = thsDays[IDLE * R + r] / days;
    reg.transitThs[k] = thsDays[TRANSIT * R + r] / days;
    reg.hiddenThs[k] = thsDays[HIDDEN * R + r] / days;
    reg.loadMw[k] = loadMwDays[r] / days;
    reg.capacityMw[k] = w.capacityMw[r];
    reg.powerPriceUsdPerKwh[k] = w.priceUsdPerKwh[r];
    reg.energyTwh[k] = (reg.loadMw[k] * hours) / MWH_PER_TWH;
    reg.co2Mt[k] = reg.energyTwh[k] * w.plan.regions[r].carbonGPerKwh[step] * MT_PER_TWH_TIMES_G_PER_KWH;
    hashingThs += reg.activeThs[k] + reg.hiddenThs[k];
  }
  const net = trajectory.network;
  const blocks = blocksPerMonth(hashingThs, w.difficultyImpliedThs);
  net.hashingThs[step] = hashingThs;
  net.difficultyImpliedThs[step] = w.difficultyImpliedThs;
  net.blocks[step] = blocks;
  net.subsidyBtc[step] = m.subsidyBtc;
  net.feesBtcPerBlock[step] = m.feesBtc;
  net.btcPriceUsd[step] = m.btcPriceUsd;
  net.hashpriceUsdPerThMonth[step] = hashpriceUsdPerThMonth(blocks, m.rewardBtc, m.btcPriceUsd, hashingThs);
  net.revenueUsd[step] = blocks * m.rewardBtc * m.btcPriceUsd;
  net.installedThs[step] = w.installedThs;
  net.retiredThs[step] = w.retiredThs;
  net.agents[step] = agents.count;
  thsDays.fill(0);
  loadMwDays.fill(0);
  month.accountsFromDay = endDay;
}

/**
 * Where a region's booked load (MW x days) exceeds its mean capacity x days, the least efficient machines
 * hashing at the month's end (active before hidden; ties by id) are counted switched off since their last
 * status change, and stay off: the month's mean load never exceeds its mean capacity.
 */
function fitMonthToCapacity(w: ProductionInput, days: number): void {
  const { agents, regionCount: R } = w;
  const { thsDays, loadMwDays } = w.accounts;
  let over: number[] | undefined;
  for (let r = 0; r < R; r++) {
    if (loadMwDays[r] > w.capacityMw[r] * days * (1 + 1e-12) + 1e-9) (over ??= []).push(r);
  }
  if (!over) return;
  const candidates = hashingAgentsByRegion(w, over, R);
  const reg = w.trajectory.region;
  const base = w.month.step * R;
  for (const r of over) {
    for (const id of candidates[r]) {
      if (loadMwDays[r] <= w.capacityMw[r] * days) break;
      const span = w.month.endDay - Math.max(agents.sinceDay[id], w.month.firstDay);
      const thsDaysOfSpan = agents.hashrateThs[id] * span;
      const status = agents.status[id];
      thsDays[status * R + r] -= thsDaysOfSpan;
      thsDays[IDLE * R + r] += thsDaysOfSpan;
      loadMwDays[r] -= (thsDaysOfSpan * agents.jPerTh[id]) / WATTS_PER_MW;
      if (status === ACTIVE) reg.agentsActive[base + r]--;
      else reg.agentsHidden[base + r]--;
      reg.agentsIdle[base + r]++;
      agents.status[id] = IDLE;
    }
    if (loadMwDays[r] < 0) loadMwDays[r] = 0;
    if (thsDays[ACTIVE * R + r] < 0) thsDays[ACTIVE * R + r] = 0;
    if (thsDays[HIDDEN * R + r] < 0) thsDays[HIDDEN * R + r] = 0;
  }
}

/**
 * Hashing agents (active or hidden) of the regions in `regions`, per region, least efficient first, active
 * before hidden, ties by id: filtered from the fleet's efficiency order (market.ts `efficiencyOrder`), no sort.
 */
export function hashingAgentsByRegion(w: Pick<World, 'agents' | 'market'>, regions: number[], R: number): number[][] {
  const { agents } = w;
  const wanted = new Uint8Array(R);
  for (const r of regions) wanted[r] = 1;
  const lists: number[][] = Array.from({ length: R }, () => []);
  const order = efficiencyOrder(w);
  // One pass over the fleet (speed): hidden agents go to lists of their own, appended after the active ones.
  let hidden: number[][] | undefined;
  for (let k = 0; k < order.length; k++) {
    const id = order[k];
    const r = agents.region[id];
    if (r < 0 || wanted[r] !== 1) continue;
    const status = agents.status[id];
    if (status === ACTIVE) lists[r].push(id);
    else if (status === HIDDEN) ((hidden ??= Array.from({ length: R }, () => []))[r]).push(id);
  }
  if (hidden) for (let r = 0; r < R; r++) for (const id of hidden[r]) lists[r].push(id);
  return lists;
}
