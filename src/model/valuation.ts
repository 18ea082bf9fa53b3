/**
 * What an option is worth to an operation, USD per TH/s over the decision horizon (MODEL.md section 6):
 * running in a place along its known price and capacity path, mining covertly under a ban, a machine's
 * second-hand price, and the freight of shipping it. Pure functions of their inputs, so each can be tested alone.
 */
import { KWH_PER_MONTH_PER_WATT } from './economics.ts';

/** Per region and horizon month: the weight of a month's margin and the power price then (see `NextMonth`). */
export interface HorizonTables {
  horizonMonths: number;
  horizonWeight: Float64Array;
  horizonPrice: Float64Array;
}

/**
 * The weight of horizon month `m` (0 = next month) of a place whose horizon row starts at `base`, for a machine
 * arriving `leadMonths` from now: the month's weight x the share of it after arrival; 0 before arrival.
 * @example arrivalWeight(tables, 0, 0, 0.5) // half of next month's weight
 */
export function arrivalWeight(h: HorizonTables, base: number, m: number, leadMonths: number): number {
  const share = m + 1 - leadMonths;
  if (share <= 0) return 0;
  const weight = h.horizonWeight[base + m];
  if (weight <= 0) return 0;
  return weight * (share < 1 ? share : 1);
}

/**
 * Value of running one TH/s of efficiency `jPerTh` in `region` over the horizon, starting `leadMonths` from
 * now (machines in transit earn nothing), USD per TH/s: the sum over horizon months of weight x the share of
 * the month after arrival x max(0, margin). A machine idles in a month it would lose money (a dry season).
 * @example siteValueUsdPerTh(tables, 0, 10, 0.3, 30, 0.5) // 12 months at full weight, the first half dark
 */
export function siteValueUsdPerTh(
  h: HorizonTables, region: number, hashpriceUsdPerTh: number, opexUsdPerTh: number, jPerTh: number, leadMonths: number,
): number {
  const H = h.horizonMonths;
  const base = region * H;
  const kwh = KWH_PER_MONTH_PER_WATT * jPerTh;
  const net = hashpriceUsdPerTh - opexUsdPerTh;
  let value = 0;
  for (let m = 0; m < H; m++) {
    const ws = arrivalWeight(h, base, m, leadMonths);
    if (ws === 0) continue;
    const margin = net - kwh * h.horizonPrice[base + m];
    if (margin > 0) value += ws * margin;
  }
  return value;
}

/** Inputs of `covertValueUsdPerTh`. */
export interface CovertInput {
  hashpriceUsdPerTh: number;
  opexUsdPerTh: number;
  jPerTh: number;
  /** Power price where the machine is, USD/kWh (before the covert premium). */
  priceUsdPerKwh: number;
  /** Multiplier of the power price paid covertly (behaviour.hiddenPowerPriceMultiplier). */
  hiddenPowerPriceMultiplier: number;
  /** Probability of being caught next month as the operator perceives it (already scaled for size and risk). */
  detectionPerMonth: number;
  /** Months in which detection halves (0: constant). */
  halfLifeMonths: number;
  /** Months of horizon valued. */
  horizonMonths: number;
  /** Months until the ban is lifted (+Infinity: not known to end); from then on the machine runs openly. */
  monthsUntilLift: number;
}

/**
 * Value of mining covertly, USD per TH/s: over the horizon, the chance of not having been caught yet times
 * the covert margin (at the covert power price) while the ban lasts, and the open margin after a known lift.
 * A caught operation loses the rest of the horizon (its machines must leave; that is not valued here).
 * @example covertValueUsdPerTh({ hashpriceUsdPerTh: 10, opexUsdPerTh: 0, jPerTh: 30, priceUsdPerKwh: 0.05, hiddenPowerPriceMultiplier: 1.5, detectionPerMonth: 0, halfLifeMonths: 0, horizonMonths: 12, monthsUntilLift: Infinity }) // 12 x 8.38
 */
export function covertValueUsdPerTh(c: CovertInput): number {
  const kwh = KWH_PER_MONTH_PER_WATT * c.jPerTh;
  const covertMargin = c.hashpriceUsdPerTh - c.opexUsdPerTh - kwh * c.priceUsdPerKwh * c.hiddenPowerPriceMultiplier;
  const openMargin = c.hashpriceUsdPerTh - c.opexUsdPerTh - kwh * c.priceUsdPerKwh;
  let survival = 1;
  let value = 0;
  for (let m = 0; m < c.horizonMonths; m++) {
    if (m < c.monthsUntilLift) {
      const fade = c.halfLifeMonths > 0 ? Math.pow(0.5, m / c.halfLifeMonths) : 1;
      const p = c.detectionPerMonth * fade;
      survival *= p >= 1 ? 0 : 1 - p;
      if (survival <= 0) break;
      if (covertMargin > 0) value += survival * covertMargin;
    } else if (openMargin > 0) {
      value += survival * openMargin;
    }
  }
  return value;
}

/**
 * The second-hand price of a machine, USD per TH/s: the price of a new one, times its efficiency relative to
 * the frontier (an older machine has less life left), times its margin relative to a new one's where a buyer
 * would run it (the cheapest open power with room). It falls with the efficiency gap to the frontier and is 0
 * when the machine would lose money even there (nobody buys it).
 * @example secondHandPriceUsdPerTh(100, 10, 0.3, 60, 30, 0.03) // 100 x 0.5 x (10 - 0.3 - 1.296) / (10 - 0.3 - 0.648)
 */
export function secondHandPriceUsdPerTh(
  newPriceUsdPerTh: number, hashpriceUsdPerTh: number, opexUsdPerTh: number, jPerTh: number, frontierJPerTh: number, buyerPriceUsdPerKwh: number,
): number {
  if (!(buyerPriceUsdPerKwh < Number.POSITIVE_INFINITY)) return 0;
  const net = hashpriceUsdPerTh - opexUsdPerTh;
  const frontier = net - KWH_PER_MONTH_PER_WATT * frontierJPerTh * buyerPriceUsdPerKwh;
  const own = net - KWH_PER_MONTH_PER_WATT * jPerTh * buyerPriceUsdPerKwh;
  if (!(frontier > 0) || !(own > 0)) return 0;
  return newPriceUsdPerTh * Math.min(1, frontierJPerTh / jPerTh) * Math.min(1, own / frontier);
}

/**
 * Freight of one TH/s of efficiency `jPerTh` on a route quoted at `costUsdPerTh` for a machine of
 * `referenceJPerTh`, USD: weight per TH/s (and so freight) taken proportional to J/TH.
 * @example freightUsdPerTh(1.3, 68.4, 34.2) // 2.6
 */
export function freightUsdPerTh(costUsdPerTh: number, jPerTh: number, referenceJPerTh: number): number {
  return referenceJPerTh > 0 ? (costUsdPerTh * jPerTh) / referenceJPerTh : costUsdPerTh;
}

/**
 * `siteValueUsdPerTh` for many operations at once: for a region and a lead time, the value is a convex,
 * piecewise-linear function of the machine's kWh per TH/s per month (`kwh`) at a given net hashprice: the months
 * where it would earn money are those with a power price below `net / kwh`. The table keeps, per region and lead,
 * the horizon months sorted by price with cumulative sums of weight x share (`A`) and weight x share x price
 * (`B`), so a value is `net x A_k - kwh x B_k` over the k cheapest months with a positive margin: a few
 * operations instead of one per horizon month. Each cell is rebuilt lazily when the tables' `generation` changes.
 * The values equal `siteValueUsdPerTh`'s up to rounding (tested).
 */
export class SiteValueTable {
  /** Lead times (months) of the table's columns: every distinct lead of the plan's routes, plus 0 and 1. */
  readonly leads: number[];
  /** Per route (home * R + to): the column of its lead time. */
  readonly routeLead: Int32Array;
  private readonly regions: number;
  private readonly H: number;
  private readonly stamp: Int32Array;
  private readonly count: Int32Array;
  private readonly price: Float64Array;
  private readonly cumA: Float64Array;
  private readonly cumB: Float64Array;

  constructor(regionCount: number, horizonMonths: number, routeLeadMonths: Float64Array) {
    this.regions = regionCount;
    this.H = horizonMonths;
    const leads = [0, 1];
    for (const l of routeLeadMonths) if (!leads.includes(l)) leads.push(l);
    this.leads = leads;
    this.routeLead = Int32Array.from(routeLeadMonths, (l) => leads.indexOf(l));
    const cells = regionCount * leads.length;
    this.stamp = new Int32Array(cells).fill(-1);
    this.count = new Int32Array(cells);
    this.price = new Float64Array(cells * horizonMonths);
    this.cumA = new Float64Array(cells * (horizonMonths + 1));
    this.cumB = new Float64Array(cells * (horizonMonths + 1));
  }

  /** Columns of lead times 0 and 1 month. */
  static readonly LEAD_0 = 0;
  static readonly LEAD_1 = 1;

  /**
   * Value of one TH/s drawing `kwh` kWh a month in `region`, arriving after the lead of column `lead`, at net
   * hashprice `netUsdPerTh` (hashprice - opex), USD per TH/s. Same as `siteValueUsdPerTh` with jPerTh = kwh / 0.72.
   */
  value(h: HorizonTables & { generation: number }, region: number, lead: number, netUsdPerTh: number, kwh: number): number {
    const cell = region * this.leads.length + lead;
    if (this.stamp[cell] !== h.generation) this.build(h, cell, region, this.leads[lead]);
    const H = this.H;
    const n = this.count[cell];
    const prices = cell * H;
    // k: how many of the cheapest months have a positive margin (binary search on the sorted prices).
    if (n === 0 || !(netUsdPerTh - kwh * this.price[prices] > 0)) return 0;
    let k = n;
    if (!(netUsdPerTh - kwh * this.price[prices + n - 1] > 0)) {
      let lo = 1; // the margin is positive at lo - 1 ... and not at k - 1
      k = n - 1;
      while (lo < k) {
        const mid = (lo + k) >> 1;
        if (netUsdPerTh - kwh * this.price[prices + mid] > 0) lo = mid + 1;
        else k = mid;
      }
    }
    const c = cell * (H + 1) + k;
    return netUsdPerTh * this.cumA[c] - kwh * this.cumB[c];
  }

  private build(h: HorizonTables & { generation: number }, cell: number, region: number, leadMonths: number): void {
    const H = this.H;
    const base = region * h.horizonMonths;
    const prices = cell * H;
    const cum = cell * (H + 1);
    const shares = this.cumA; // scratch: the month's weight x share before sorting goes at cum + 1 + n
    let n = 0;
    for (let m = 0; m < H; m++) {
      const ws = arrivalWeight(h, base, m, leadMonths);
      if (ws === 0) continue;
      const p = h.horizonPrice[base + m];
      // Insertion by price (ascending; ties keep month order).
      let i = n;
      while (i > 0 && this.price[prices + i - 1] > p) {
        this.price[prices + i] = this.price[prices + i - 1];
        shares[cum + 1 + i] = shares[cum + i];
        i--;
      }
      this.price[prices + i] = p;
      shares[cum + 1 + i] = ws;
      n++;
    }
    this.cumA[cum] = 0;
    this.cumB[cum] = 0;
    for (let i = 0; i < n; i++) {
      const ws = shares[cum + 1 + i];
      this.cumB[cum + 1 + i] = this.cumB[cum + i] + ws * this.price[prices + i];
      this.cumA[cum + 1 + i] = this.cumA[cum + i] + ws;
    }
    this.count[cell] = n;
    this.stamp[cell] = h.generation;
  }
}
