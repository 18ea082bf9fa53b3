/**
 * Phase 9 of the settlement: one capacity market a month (MODEL.md section 6). Movers, idle machines looking
 * for power, operations waiting out a ban, machines in warehouses and new machines are served together in
 * one seeded order (a keyed priority per participant, so one more participant never reshuffles the others).
 * Each values its options over the horizon and picks by logit with its own keyed draws:
 * - a region: stay or switch on at home (home bias: the sunk value of its own site), or move there (lead time,
 *   freight by weight, tariff);
 *   a region with no room is still an option when its hosted machines earn less per MW by more than the
 *   displacement premium: hosting goes to whoever earns most per MW, and the displaced go to a warehouse
 *   and choose again in this same market (cheaper power, wait, or sell);
 * - wait: in place (until a known lift, or for a better season) or in a warehouse;
 * - sell (machines not worth running where they are): at the second-hand price, to a buyer who ships it
 *   to an open region with room where it earns money;
 * - go covert (operations in a banned region that do not comply).
 * New machines are installed only where they go: a region where they would earn money and that has room for
 * them (free, or by displacing less efficient machines); they are left unplaced when no such region has room.
 */
import { keyedUniform } from '../../engine/streams.ts';
import { changeStatus } from '../accounting.ts';
import { complies, covertValueFor } from '../ban.ts';
import { logitChoice, monthsUntilReview, wantsToRun } from '../decisions.ts';
import { KWH_PER_MONTH_PER_WATT } from '../economics.ts';
import { EFFICIENCY_BINS, efficiencyBin } from '../efficiencyBins.ts';
import { ACTIVE, HIDDEN, IDLE, Policy, RETIRED, TRANSIT } from '../status.ts';
import { leadDays, WATTS_PER_MW } from '../units.ts';
import { freightUsdPerTh, secondHandPriceUsdPerTh, SiteValueTable } from '../valuation.ts';
import { COVERT, EXTRA_OPTIONS, reviewTraitFromUniform, SELL, WAIT, type MarketScratch, type World } from '../world.ts';

/** Why a participant is in the market. */
export const Kind = {
  /** An active or covert operation reviewing its location (on its schedule, or under an announced ban). */
  VOLUNTARY: 0,
  /** An idle machine in a region where it may run, looking for power. */
  LOOKING: 1,
  /** An idle machine waiting out a ban in place. */
  STRANDED: 2,
  /** A machine in a warehouse (left a banned region, caught, displaced, or its shipment was diverted). */
  WAREHOUSED: 3,
  /** A lot of new machines. */
  LOT: 4,
} as const;

/** Keyed draw slots of the `choices` stream (attempts count up from each base). */
const CHOICE_SLOT = 0;
const BUYER_SLOT = 32;
/** Keyed draw slots of the `supply` stream for a placed lot's traits (0 and 1 are its size). */
const LOT_RISK_SLOT = 2;
const LOT_REVIEW_TRAIT_SLOT = 3;
const LOT_REVIEW_SLOT = 4;
/** Entity ids of lots in keyed draws: above any agent id. */
const LOT_ENTITY_BASE = 1 << 30;
/** Serving order keys pack a priority above the participant's index in the 53 bits of a double. */
const KEY_BITS = 2 ** 53;

/** Adds agent `id` to this month's market. */
export function enqueue(world: World, id: number, kind: number): void {
  push(world, id, kind);
}

/** Adds lot `k` of this month's new machines to the market. */
export function enqueueLot(world: World, k: number): void {
  push(world, -(k + 1), Kind.LOT);
}

function push(world: World, id: number, kind: number): void {
  const m = world.market;
  if (m.count === m.ids.length) {
    const ids = new Int32Array(m.ids.length * 2);
    ids.set(m.ids);
    const kinds = new Uint8Array(ids.length);
    kinds.set(m.kinds);
    m.ids = ids;
    m.kinds = kinds;
    m.order = new Float64Array(ids.length);
  }
  m.ids[m.count] = id;
  m.kinds[m.count] = kind;
  m.count++;
}

/**
 * Runs the month's market over the participants queued by the reviews and the supply, then records the new
 * machines placed and unplaced.
 * @example runCapacityMarket(world); world.trajectory.network.supplyPlacedThs[step] // TH/s of new machines placed
 */
export function runCapacityMarket(world: World): void {
  const m = world.market;
  const step = world.month.step;
  const n = m.count;
  // Each participant's keyed priority (as many bits as the index leaves), then its index: sorting the packed
  // keys gives the seeded order; ties of priority fall back to the index.
  const indexSpan = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const prioritySpan = Math.floor(KEY_BITS / indexSpan);
  const order = m.order;
  for (let i = 0; i < n; i++) {
    const id = m.ids[i];
    const entity = id >= 0 ? id : LOT_ENTITY_BASE - id - 1;
    order[i] = Math.floor(keyedUniform(world.keys.order, entity, step, 0) * prioritySpan) * indexSpan + i;
  }
  order.subarray(0, n).sort();
  m.hostedBuilt = false;
  let placedThs = 0;
  for (let k = 0; k < m.lotCount; k++) placedThs += m.lotBuiltToSuitThs[k];
  for (let k = 0; k < n; k++) placedThs += serve(world, order[k] % indexSpan);
  // Machines displaced during the market were appended: they choose after everyone served in order.
  for (let i = n; i < m.count; i++) placedThs += serve(world, i);
  let offeredThs = 0;
  for (let k = 0; k < m.lotCount; k++) offeredThs += m.lotThs[k];
  // Machines shipped before the start (first month only) are installed, but not this month's supply.
  world.installedThs += placedThs;
  placedThs -= m.pipelinePlacedThs;
  world.trajectory.network.pipelinePlacedThs[step] = m.pipelinePlacedThs;
  m.pipelinePlacedThs = 0;
  world.trajectory.network.supplyPlacedThs[step] = placedThs;
  world.trajectory.network.supplyUnplacedThs[step] = offeredThs - placedThs;
  m.count = 0;
}

/** Serves participant `i`. Returns the TH/s of new machines it placed (0 for agents). */
function serve(world: World, i: number): number {
  const id = world.market.ids[i];
  if (id < 0) return serveLot(world, -id - 1);
  serveAgent(world, id, world.market.kinds[i]);
  return 0;
}

/**
 * What this month's new machines would earn in each region net of shipping (`lotNetValueUsdPerTh`; -Infinity where
 * the region is not open or they would not earn money), computed once (supply.ts): every lot has the frontier's efficiency.
 */
export function valueLots(world: World): void {
  const { market, plan } = world;
  const jPerTh = plan.network.frontierJPerTh[world.month.step];
  market.lotAnyProfitable = false;
  for (let j = 0; j < world.regionCount; j++) {
    const v = world.bans.policy[j] === Policy.OPEN ? lotNetValueUsdPerTh(world, j, jPerTh) : Number.NEGATIVE_INFINITY;
    market.lotNetValues[j] = v > 0 ? v : Number.NEGATIVE_INFINITY;
    if (v > 0) market.lotAnyProfitable = true;
  }
}

/**
 * Serves lot `k` of new machines: a region with room where it earns money, or (rarely, by the logit) a warehouse
 * while some such region has room. Left unplaced when none has. Returns TH/s placed.
 */
function serveLot(world: World, k: number): number {
  const { plan, market } = world;
  const R = world.regionCount;
  if (!market.lotAnyProfitable) return 0; // no region could run it at a profit: not made, not installed
  const step = world.month.step;
  const ths = market.lotThs[k];
  const jPerTh = plan.network.frontierJPerTh[step];
  const load = (ths * jPerTh) / WATTS_PER_MW;
  const U = market.utilities;
  U.fill(Number.NEGATIVE_INFINITY);
  let anyRoom = false;
  for (let j = 0; j < R; j++) {
    if (market.lotNetValues[j] > 0 && hasRoom(world, j, load, jPerTh)) {
      U[j] = market.lotNetValues[j];
      anyRoom = true;
    }
  }
  // No region where it would earn money has room for it (even by displacing): it is not made, not installed.
  if (!anyRoom) return 0;
  U[R + WAIT] = 0;
  const origin = plan.network.supplyOriginRegion;
  for (let attempt = 0; attempt <= R; attempt++) {
    const choice = logitChoice(U, R + EXTRA_OPTIONS, plan.behaviour.logitScaleUsdPerTh, keyedUniform(world.keys.choices, LOT_ENTITY_BASE + k, step, CHOICE_SLOT + attempt));
    if (choice < 0) return 0;
    if (k >= market.lotCount) return placePipelineLot(world, k, choice);
    if (choice >= R) return placeLot(world, k, ths, jPerTh, origin, -1); // waits in a warehouse for room
    if (makeRoom(world, choice, load, jPerTh)) return placeLot(world, k, ths, jPerTh, origin, choice);
    U[choice] = Number.NEGATIVE_INFINITY;
  }
  return 0;
}

/** Serves agent `id`, in the market as a `kind` (see `Kind`). */
function serveAgent(world: World, id: number, kind: number): void {
  const { agents, plan, next, market } = world;
  const R = world.regionCount;
  if (agents.status[id] === RETIRED) return;
  const step = world.month.step;
  const ths = agents.hashrateThs[id];
  const jPerTh = agents.jPerTh[id];
  const load = (ths * jPerTh) / WATTS_PER_MW;
  const status = agents.status[id];
  const home = agents.region[id] >= 0 ? agents.region[id] : agents.origin[id];
  const b = plan.behaviour;
  const opex = plan.network.opexUsdPerThMonth;
  const hashprice = next.hashpriceUsdPerTh;
  const policy = world.bans.policy;
  const free = next.freeMw;
  const U = market.utilities;
  const site = market.siteValues;
  const { leadMonths, costUsdPerTh, tariffShare, freightReferenceJPerTh } = plan.moves;
  const table = market.siteTable;
  const net = hashprice - opex;
  const kwh = KWH_PER_MONTH_PER_WATT * jPerTh;
  const secondHand = secondHandPriceUsdPerTh(plan.network.machineValueUsdPerTh[step], hashprice, opex, jPerTh, plan.network.frontierJPerTh[step], next.buyerPriceUsdPerKwh);
  const atHome = kind !== Kind.WAREHOUSED;
  // Speed (outputs identical): every option's utility is written here (-Infinity where it is not an option)
  // instead of filling the array first; the room test's displacement threshold takes net / jPerTh, the same
  // for every region, computed once (`roomInOpenRegion`).
  for (let k = R; k < R + EXTRA_OPTIONS; k++) U[k] = Number.NEGATIVE_INFINITY;
  const netPerJ = net / jPerTh;
  for (let j = 0; j < R; j++) {
    U[j] = Number.NEGATIVE_INFINITY;
    if (j === home && atHome) {
      const v = table.value(next, j, SiteValueTable.LEAD_0, net, kwh);
      site[j] = v;
      if (status === ACTIVE) U[j] = v + b.homeBiasUsdPerTh;
      else if (status === HIDDEN) U[j] = covertValueFor(world, id, j, world.month.endDay, hashprice, next.priceUsdPerKwh[j]) + b.homeBiasUsdPerTh;
      else if (status === IDLE && policy[j] !== Policy.BANNED) {
        const margin = hashprice - opex - KWH_PER_MONTH_PER_WATT * jPerTh * next.priceUsdPerKwh[j];
        if (wantsToRun(false, margin, hashprice, b.switchHysteresis) && hasRoom(world, j, load, jPerTh)) U[j] = v + b.homeBiasUsdPerTh;
      }
      continue;
    }
    if (policy[j] !== Policy.OPEN) {
      site[j] = 0;
      continue;
    }
    const route = home * R + j;
    const v = table.value(next, j, table.routeLead[route], net, kwh);
    site[j] = v;
    if (!(v > 0) || !(free[j] >= load || roomInOpenRegion(world, j, load, net, netPerJ))) continue;
    U[j] = v - freightUsdPerTh(costUsdPerTh[route], jPerTh, freightReferenceJPerTh) - tariffShare[route] * secondHand;
  }
  if (kind === Kind.LOOKING) {
    // Waiting at home keeps the site (the home bias) only if the machine would run there within the horizon.
    const later = table.value(next, home, SiteValueTable.LEAD_1, net, kwh);
    U[R + WAIT] = later > 0 ? later + b.homeBiasUsdPerTh : 0;
  }
  else if (kind === Kind.STRANDED || (status === HIDDEN && policy[home] === Policy.BANNED)) {
    // Waiting out a ban in place is worth the months after a known lift (and the site kept); nothing otherwise.
    const afterLift = table.value(next, home, SiteValueTable.LEAD_0, net, kwh);
    U[R + WAIT] = afterLift > 0 ? afterLift + b.homeBiasUsdPerTh : 0;
  } else if (kind === Kind.WAREHOUSED) U[R + WAIT] = 0;
  if ((kind === Kind.LOOKING || kind === Kind.STRANDED || kind === Kind.WAREHOUSED) && secondHand > 0 && anyBuyer(world, load)) U[R + SELL] = secondHand;
  if (kind === Kind.STRANDED && policy[home] === Policy.BANNED && free[home] >= load && !complies(world, id, home)) {
    const covert = covertValueFor(world, id, home, world.month.endDay, hashprice, next.priceUsdPerKwh[home]);
    if (covert > 0) U[R + COVERT] = covert;
  }
  for (let attempt = 0; attempt <= R + EXTRA_OPTIONS; attempt++) {
    const choice = logitChoice(U, R + EXTRA_OPTIONS, b.logitScaleUsdPerTh, keyedUniform(world.keys.choices, id, step, CHOICE_SLOT + attempt));
    if (choice < 0) return;
    if (choice < R) {
      if (!makeRoom(world, choice, load, jPerTh)) {
        U[choice] = Number.NEGATIVE_INFINITY;
        continue;
      }
      if (choice === home && atHome) {
        if (status === IDLE) {
          changeStatus(world, id, ACTIVE, home, world.month.endDay);
          agents.idleMonths[id] = 0;
          free[home] -= load;
        }
        return;
      }
      moveAgent(world, id, home, choice, load);
      return;
    }
    const option = choice - R;
    if (option === WAIT) {
      if (status === HIDDEN) changeStatus(world, id, IDLE, home, world.month.endDay); // stops covert mining, waits in place
      return;
    }
    if (option === SELL) {
      const buyer = chooseBuyerRegion(world, id, home, load, jPerTh, secondHand);
      if (buyer < 0) {
        U[choice] = Number.NEGATIVE_INFINITY;
        continue;
      }
      moveAgent(world, id, home, buyer, load);
      return;
    }
    // COVERT
    changeStatus(world, id, HIDDEN, home, world.month.endDay);
    free[home] -= load;
    agents.idleMonths[id] = 0;
    return;
  }
}

/** Whether `load` MW fit in region `j` next month, counting what a machine of `jPerTh` could displace. */
function hasRoom(world: World, j: number, load: number, jPerTh: number): boolean {
  const free = world.next.freeMw[j];
  if (free >= load) return true;
  return free + displaceableMw(world, j, jPerTh) >= load;
}

/** MW of active machines in region `j` that a machine of `jPerTh` would displace (they earn less per MW by the premium). */
function displaceableMw(world: World, j: number, jPerTh: number): number {
  if (world.bans.policy[j] !== Policy.OPEN) return 0;
  const threshold = displacementThresholdJPerTh(world, j, jPerTh);
  if (!(threshold < Number.POSITIVE_INFINITY)) return 0;
  // Bins strictly above the threshold's bin hold only machines less efficient than the threshold.
  return displaceableAboveMw(world.market, j, efficiencyBin(threshold));
}

/**
 * `hasRoom` for an open region `j` with less than `load` MW free, for a machine whose `net / jPerTh` is `netPerJ`
 * (`net` = next hashprice - opex), divided once per participant rather than once per region (market speed).
 */
function roomInOpenRegion(world: World, j: number, load: number, net: number, netPerJ: number): boolean {
  const threshold = thresholdForNetPerJ(world, j, net, netPerJ);
  // Nothing to displace (the caller knows free < load, so free + 0 >= load is false).
  if (!(threshold < Number.POSITIVE_INFINITY)) return false;
  return world.next.freeMw[j] + displaceableAboveMw(world.market, j, efficiencyBin(threshold)) >= load;
}

/**
 * MW in region `j`'s displaceable histogram in bins above `bin`. The histogram is kept as a Fenwick tree of
 * cumulative sums per region (`displaceableTreeMw`, rebuilt when marked dirty, then updated in O(log bins) by
 * `removeDisplaceableMw`), so a query costs a few additions however many machines have moved.
 */
function displaceableAboveMw(m: MarketScratch, j: number, bin: number): number {
  const B = EFFICIENCY_BINS;
  const tree = m.displaceableTreeMw;
  const base = j * (B + 1);
  if (m.displaceableDirty[j] === 1) {
    tree.fill(0, base, base + B + 1);
    for (let k = 0; k < B; k++) {
      const mw = m.displaceableMw[j * B + k];
      if (mw > 0) for (let i = k + 1; i <= B; i += i & -i) tree[base + i] += mw;
    }
    m.displaceableDirty[j] = 0;
    m.displaceableTotalMw[j] = Number.NaN;
  }
  // Bins 0 .. B - 1: summed from the tree as before, and kept until the tree changes (NaN: to be summed).
  let total = m.displaceableTotalMw[j];
  if (total !== total) {
    total = 0;
    for (let i = B; i > 0; i -= i & -i) total += tree[base + i];
    m.displaceableTotalMw[j] = total;
  }
  let upTo = 0; // bins 0 .. bin
  for (let i = bin + 1; i > 0; i -= i & -i) upTo += tree[base + i];
  return total - upTo;
}

/**
 * Takes `mw` MW of an active machine of efficiency bin `bin` out of region `r`'s displaceable histogram (it was
 * displaced, moved, or switched off).
 */
export function removeDisplaceableMw(m: MarketScratch, r: number, bin: number, mw: number): void {
  const B = EFFICIENCY_BINS;
  m.displaceableMw[r * B + bin] -= mw;
  if (m.displaceableDirty[r] === 1) return;
  m.displaceableTotalMw[r] = Number.NaN;
  const base = r * (B + 1);
  for (let i = bin + 1; i <= B; i += i & -i) m.displaceableTreeMw[base + i] -= mw;
}

/**
 * The efficiency (J/TH) above which a hosted machine in region `j` earns less per MW than one of `jPerTh` by
 * more than the displacement premium. Earnings per MW of a machine of J are (hashprice - opex) / J - 0.72 x price
 * (times 1e6), falling with J. +Infinity when the newcomer itself earns nothing there.
 */
export function displacementThresholdJPerTh(world: World, j: number, jPerTh: number): number {
  const net = world.next.hashpriceUsdPerTh - world.plan.network.opexUsdPerThMonth;
  return thresholdForNetPerJ(world, j, net, net / jPerTh);
}

/** `displacementThresholdJPerTh` from `net` (next hashprice - opex) and the newcomer's `net / jPerTh`. */
function thresholdForNetPerJ(world: World, j: number, net: number, netPerJ: number): number {
  const powerCost = KWH_PER_MONTH_PER_WATT * world.next.priceUsdPerKwh[j];
  const newcomer = netPerJ - powerCost;
  if (!(newcomer > 0) || !(net > 0)) return Number.POSITIVE_INFINITY;
  const incumbent = newcomer / (1 + world.plan.behaviour.displacementPremium);
  return net / (incumbent + powerCost);
}

/**
 * Frees `load` MW in region `j` for a machine of `jPerTh`, displacing hosted machines least efficient first
 * when needed (each goes to a warehouse and joins this month's market). False when there is not enough room.
 */
function makeRoom(world: World, j: number, load: number, jPerTh: number): boolean {
  const free = world.next.freeMw;
  if (free[j] >= load) return true;
  if (world.bans.policy[j] !== Policy.OPEN) return false;
  const threshold = displacementThresholdJPerTh(world, j, jPerTh);
  if (!(threshold < Number.POSITIVE_INFINITY)) return false;
  const { agents, market } = world;
  if (!market.hostedBuilt) hostedLeastEfficientFirst(world);
  const hosted = market.hostedIds;
  const end = market.hostedStart[j + 1];
  let cursor = market.hostedCursor[j];
  // Check first that enough would go, so that nobody is displaced for nothing.
  let available = free[j];
  for (let c = cursor; c < end && available < load; c++) {
    const id = hosted[c];
    if (agents.jPerTh[id] <= threshold) break;
    if (agents.status[id] === ACTIVE && agents.region[id] === j) available += (agents.hashrateThs[id] * agents.jPerTh[id]) / WATTS_PER_MW;
  }
  if (available < load) return false;
  const endDay = world.month.endDay;
  while (free[j] < load && cursor < end) {
    const id = hosted[cursor++];
    if (agents.status[id] !== ACTIVE || agents.region[id] !== j) continue;
    const mw = (agents.hashrateThs[id] * agents.jPerTh[id]) / WATTS_PER_MW;
    free[j] += mw;
    removeDisplaceableMw(market, j, agents.jBin[id], mw);
    agents.origin[id] = j;
    changeStatus(world, id, TRANSIT, -1, endDay);
    agents.idleMonths[id] = 0;
    enqueue(world, id, Kind.WAREHOUSED);
  }
  market.hostedCursor[j] = cursor;
  return free[j] >= load;
}

/**
 * Lists the active agents of every region, least efficient first (ties by id), in one pass: region `j`'s are
 * `hostedIds[hostedStart[j] .. hostedStart[j + 1])`. Built on first need in a month.
 */
function hostedLeastEfficientFirst(world: World): void {
  const { agents, market } = world;
  const R = world.regionCount;
  const order = efficiencyOrder(world);
  const start = market.hostedStart;
  start.fill(0);
  // One pass over the fleet (speed): the active agents, in efficiency order, are gathered at the front of
  // `byEfficiencyScratch` while each region's count is taken; then they are placed region by region.
  if (market.byEfficiencyScratch.length < order.length) market.byEfficiencyScratch = new Int32Array(Math.max(order.length, 2 * market.byEfficiencyScratch.length));
  const active = market.byEfficiencyScratch;
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const id = order[k];
    if (agents.status[id] === ACTIVE && agents.region[id] >= 0) {
      active[n++] = id;
      start[agents.region[id] + 1]++;
    }
  }
  for (let r = 0; r < R; r++) start[r + 1] += start[r];
  if (market.hostedIds.length < start[R]) market.hostedIds = new Int32Array(Math.max(start[R], 2 * market.hostedIds.length));
  const cursor = market.hostedCursor;
  for (let r = 0; r < R; r++) cursor[r] = start[r];
  for (let k = 0; k < n; k++) {
    const id = active[k];
    market.hostedIds[cursor[agents.region[id]]++] = id;
  }
  for (let r = 0; r < R; r++) cursor[r] = start[r];
  market.hostedBuilt = true;
}

/**
 * Every agent id, least efficient first (ties by id). An agent's efficiency never changes after the start, so
 * the order is kept from month to month: the agents added since the last call are sorted and merged in.
 */
export function efficiencyOrder(world: Pick<World, 'agents' | 'market'>): Int32Array {
  const { agents, market } = world;
  const old = market.byEfficiency;
  if (old.length === agents.count) return old;
  const j = agents.jPerTh;
  const before = (a: number, b: number) => j[b] - j[a] || a - b;
  const added = new Int32Array(agents.count - old.length);
  let inOrder = true;
  for (let k = 0; k < added.length; k++) {
    added[k] = old.length + k;
    if (k > 0 && before(added[k - 1], added[k]) > 0) inOrder = false;
  }
  // Speed: a month's new machines share one efficiency, so they often come in order already (the comparison is
  // a total order: sorting sorted ids would change nothing).
  if (!inOrder) added.sort(before);
  const merged = new Int32Array(agents.count);
  let a = 0;
  let b = 0;
  for (let k = 0; k < merged.length; k++) {
    merged[k] = b >= added.length || (a < old.length && before(old[a], added[b]) < 0) ? old[a++] : added[b++];
  }
  market.byEfficiency = merged;
  return merged;
}

/** Whether some open region has room for `load` MW (a second-hand buyer could take the machine). */
function anyBuyer(world: World, load: number): boolean {
  const free = world.next.freeMw;
  for (let j = 0; j < world.regionCount; j++) if (world.bans.policy[j] === Policy.OPEN && free[j] >= load && world.market.siteValues[j] > 0) return true;
  return false;
}

/**
 * A second-hand buyer's region for agent `id`'s machine: logit over open regions with room where it earns
 * money, net of shipping it from `home` (freight and tariff on the second-hand price). -1 when none.
 */
function chooseBuyerRegion(world: World, id: number, home: number, load: number, jPerTh: number, priceUsdPerTh: number): number {
  const { plan, market } = world;
  const R = world.regionCount;
  const U = market.buyerUtilities;
  const { leadMonths, costUsdPerTh, tariffShare, freightReferenceJPerTh } = plan.moves;
  const hashprice = world.next.hashpriceUsdPerTh;
  const opex = plan.network.opexUsdPerThMonth;
  for (let j = 0; j < R; j++) {
    U[j] = Number.NEGATIVE_INFINITY;
    if (world.bans.policy[j] !== Policy.OPEN || world.next.freeMw[j] < load) continue;
    const route = home * R + j;
    const v = market.siteTable.value(world.next, j, market.siteTable.routeLead[route], hashprice - opex, KWH_PER_MONTH_PER_WATT * jPerTh);
    const value = v - freightUsdPerTh(costUsdPerTh[route], jPerTh, freightReferenceJPerTh) - tariffShare[route] * priceUsdPerTh;
    if (value > 0) U[j] = value;
  }
  return logitChoice(U, R, plan.behaviour.logitScaleUsdPerTh, keyedUniform(world.keys.choices, id, world.month.step, BUYER_SLOT));
}

/**
 * Ships agent `id` from `home` to region `to`: it leaves on the day it stopped (if it stopped this month) or
 * at the month's end, and arrives after the route's lead time in days (not before next month).
 */
function moveAgent(world: World, id: number, home: number, to: number, load: number): void {
  const { agents, month } = world;
  const R = world.regionCount;
  const status = agents.status[id];
  const free = world.next.freeMw;
  if ((status === ACTIVE || status === HIDDEN) && agents.region[id] === home) {
    free[home] += load;
    if (status === ACTIVE && world.bans.policy[home] === Policy.OPEN) {
      removeDisplaceableMw(world.market, home, agents.jBin[id], load);
    }
  }
  const stoppedThisMonth = (status === IDLE || status === TRANSIT) && agents.sinceDay[id] >= month.firstDay && agents.sinceDay[id] < month.endDay;
  const departure = stoppedThisMonth ? agents.sinceDay[id] : month.endDay;
  const route = home * R + to;
  agents.origin[id] = home;
  changeStatus(world, id, TRANSIT, to, month.endDay);
  agents.arrivalDay[id] = Math.max(month.endDay, departure + leadDays(world.plan.moves.leadMonths[route]));
  agents.idleMonths[id] = 0;
  free[to] -= load;
  if (to !== home) world.trajectory.flowsThs[(month.step * R + home) * R + to] += agents.hashrateThs[id];
}

/**
 * What lot machines of `jPerTh` would earn in region `j` net of shipping them from the factory, USD per TH/s
 * (the horizon value after the lead time, minus freight and tariff on the new price).
 */
export function lotNetValueUsdPerTh(world: World, j: number, jPerTh: number): number {
  const { plan, next } = world;
  const R = world.regionCount;
  const origin = plan.network.supplyOriginRegion;
  const route = origin >= 0 ? origin * R + j : -1;
  const table = world.market.siteTable;
  const net = next.hashpriceUsdPerTh - plan.network.opexUsdPerThMonth;
  const value = table.value(next, j, route >= 0 ? table.routeLead[route] : SiteValueTable.LEAD_0, net, KWH_PER_MONTH_PER_WATT * jPerTh);
  if (route < 0) return value;
  const { costUsdPerTh, tariffShare, freightReferenceJPerTh } = plan.moves;
  return value - freightUsdPerTh(costUsdPerTh[route], jPerTh, freightReferenceJPerTh) - tariffShare[route] * plan.network.machineValueUsdPerTh[world.month.step];
}

/**
 * Installs lot `k` (`ths` TH/s at `jPerTh`) as a new agent shipped from `origin` to region `to`, or waiting in
 * a warehouse (`to` = -1). Returns the TH/s installed.
 */
export function placeLot(world: World, k: number, ths: number, jPerTh: number, origin: number, to: number): number {
  const { agents, plan, month } = world;
  const R = world.regionCount;
  const key = world.keys.supply;
  const reviewProbability = reviewTraitFromUniform(plan.behaviour.reviewProbabilityPerMonth, keyedUniform(key, month.step, k, LOT_REVIEW_TRAIT_SLOT));
  const attributed = to >= 0 ? to : origin >= 0 ? origin : bestSite(world);
  const id = agents.add({
    region: attributed,
    hashrateThs: ths,
    jPerTh,
    riskTolerance: keyedUniform(key, month.step, k, LOT_RISK_SLOT),
    reviewProbability,
    reviewStep: month.step + monthsUntilReview(reviewProbability, keyedUniform(key, month.step, k, LOT_REVIEW_SLOT)),
    sinceDay: month.endDay,
  });
  agents.status[id] = TRANSIT;
  agents.origin[id] = origin >= 0 ? origin : attributed;
  if (to >= 0) {
    // A pipeline lot has travelled `lotAgeMonths[k]` of its lead already (0 for this month's lots).
    const lead = (origin >= 0 ? plan.moves.leadMonths[origin * R + to] : 0) - world.market.lotAgeMonths[k];
    agents.arrivalDay[id] = month.endDay + leadDays(lead);
    world.next.freeMw[to] -= (ths * jPerTh) / WATTS_PER_MW;
  } else {
    agents.region[id] = -1;
  }
  return ths;
}

/**
 * Places pipeline lot `k` (shipped `lotAgeMonths[k]` months ago; supply.ts `offerPipeline`) bound for `choice`:
 * installed, for the rest of its lead, when the route takes longer than its age and the region has room; not
 * installed otherwise (it arrived before the start and hashes in the start fleet, or it waits for room: not
 * counted as on its way). Returns TH/s placed.
 */
function placePipelineLot(world: World, k: number, choice: number): number {
  const { plan, market } = world;
  const origin = plan.network.supplyOriginRegion;
  const age = market.lotAgeMonths[k];
  if (choice >= world.regionCount || origin < 0 || plan.moves.leadMonths[origin * world.regionCount + choice] <= age) return 0;
  const jPerTh = plan.network.frontierJPerTh[world.month.step];
  if (!makeRoom(world, choice, (market.lotThs[k] * jPerTh) / WATTS_PER_MW, jPerTh)) return 0;
  const placed = placeLot(world, k, market.lotThs[k], jPerTh, origin, choice);
  market.pipelinePlacedThs += placed;
  return placed;
}

/** The region where this month's new machines would earn most (for attributing a lot waiting in a warehouse). */
function bestSite(world: World): number {
  let best = 0;
  for (let j = 1; j < world.regionCount; j++) if (world.market.lotNetValues[j] > world.market.lotNetValues[best]) best = j;
  return best;
}
