/**
 * The compiled plan, the contract between `scenario/` (which produces it) and `model/` (which consumes it);
 * neither imports the other. Everything the simulation needs, with every time-varying number already evaluated
 * into a per-month array (index 0 = the scenario's start month). Produced by `drawPlan`
 * (src/scenario/compile.ts) from a resolved scenario; consumed by `simulate` (src/model/simulate.ts).
 * No formula, YAML node or distribution survives compilation: the tick loop only reads numbers.
 */

/** A month as an integer: year * 12 + (month - 1). `2021-06` is 2021 * 12 + 5. */
export type MonthIndex = number;

/** A day as an integer: days since 1970-01-01 (UTC). */
export type DayNumber = number;

/** One region of the compiled plan. Arrays have one entry per simulated month. */
export interface RegionPlan {
  /** Region id, e.g. `CN-SC`. */
  id: string;
  /** ISO-like country code used for the per-country outputs, e.g. `CN`. */
  country: string;
  /** Share of the start month's network hashrate installed here at the start (0..1). */
  initialShare: number;
  /** Base power price before tariffs and congestion, USD per kWh, per month. */
  powerPriceUsdPerKwh: Float64Array;
  /** Power available to miners before events, MW, per month. */
  capacityMw: Float64Array;
  /** Ban risk perceived by miners, probability per year (0..1), per month. */
  banHazardPerYear: Float64Array;
  /** Grid carbon intensity, g CO2 per kWh, per month. */
  carbonGPerKwh: Float64Array;
  /** Congestion: price *= 1 + congestionSlope * max(0, utilisation - congestionThreshold). */
  congestionThreshold: number;
  congestionSlope: number;
  /**
   * Build-out that answers margins (src/model/phases/buildOut.ts): in a month when the share of capacity in use
   * or reserved reaches `buildOutTrigger` (0..1) and new machines would earn enough per MW to pay for new
   * hosting, up to `buildOutMwPerMonth` MW (the region's maximum rate) are started; they come online
   * `buildOutLeadMonths` later. 0 MW per month: no build-out.
   */
  buildOutMwPerMonth: number;
  buildOutLeadMonths: number;
  buildOutTrigger: number;
  /**
   * Share of the region's operations that comply with a ban (0..1): the others consider mining covertly.
   * Iran's mostly unlicensed mining has a low compliance.
   */
  banCompliance: number;
}

/** Network-wide economics, per month. */
export interface NetworkPlan {
  /** Bitcoin price, USD, per month (before price shocks). */
  btcPriceUsd: Float64Array;
  /** Transaction fees, BTC per block, per month. */
  feesBtcPerBlock: Float64Array;
  /** New machines offered to the market, EH/s per month. */
  supplyEhsPerMonth: Float64Array;
  /** Efficiency of new machines, J/TH, per month. */
  frontierJPerTh: Float64Array;
  /** Second-hand value of machines, USD per TH/s, per month (the base of import tariffs). */
  machineValueUsdPerTh: Float64Array;
  /** Network hashrate at the start month, EH/s. */
  initialHashrateEhs: number;
  /** Mean efficiency of the installed fleet at the start, J/TH. */
  initialJPerTh: number;
  /** Lognormal sigma of the initial fleet's efficiency around `initialJPerTh`. */
  initialJPerThSigma: number;
  /** Fixed operating cost, USD per TH/s per month (hosting, staff, maintenance). */
  opexUsdPerThMonth: number;
  /**
   * Region (index into `Plan.regions`) new machines are shipped from: they pay the freight and tariffs of the
   * route from there (MODEL.md section 4). -1: new machines pay no freight or tariff.
   */
  supplyOriginRegion: number;
}

/** Agent population settings. */
export interface AgentsPlan {
  /** Number of agents at the start (the initial fleet is split among them). */
  count: number;
  /** Lognormal sigma of agent sizes (hashrate). */
  sizeLognormalSigma: number;
  /** Mean size of agents created for new supply, EH/s (0 = same mean size as the initial agents). */
  newAgentSizeEhs: number;
}

/** Behavioural parameters of the decision rules (MODEL.md sections 4 and 6). */
export interface BehaviourPlan {
  /** Months of expected margin summed when valuing a destination. */
  horizonMonths: number;
  /** Logit scale, USD per TH/s: larger means noisier (less rational) choices. */
  logitScaleUsdPerTh: number;
  /** Bonus for staying where one is, USD per TH/s. */
  homeBiasUsdPerTh: number;
  /** Mean probability per month that an agent reviews its location on its own. */
  reviewProbabilityPerMonth: number;
  /** Hysteresis of switching, as a fraction of hashprice: off below -h, on above +h. */
  switchHysteresis: number;
  /** Idle months after which a machine is retired (sold for scrap). */
  retireAfterIdleMonths: number;
  /** Probability per month that an agent in a region with an announced ban leaves before the effective date. */
  announcedLeaveProbabilityPerMonth: number;
  /** Share of operations that do not comply with a ban (consider covert mining), where a region sets no `banCompliance`. */
  hideProbability: number;
  /** Power price multiplier paid by hidden miners. */
  hiddenPowerPriceMultiplier: number;
  /** How much more per MW (a share) a machine must earn to displace a hosted one: 0.5 = 50% more. */
  displacementPremium: number;
  /** Detection of covert mining rises with size: probability x (size / mean start size)^elasticity. */
  detectionSizeElasticity: number;
  /** Cost of new hosting infrastructure, USD per MW: what build-out must pay back. */
  hostingCapexUsdPerMw: number;
  /** Months of margin over which new hosting must pay for itself (build-out). */
  buildOutPaybackMonths: number;
}

/** Move cost and lead time between every pair of regions (row = from, column = to, index from*R + to). */
export interface MovesPlan {
  /** Lead time in months (fractional allowed). */
  leadMonths: Float64Array;
  /** Freight and installation, USD per TH/s. */
  costUsdPerTh: Float64Array;
  /** Import tariff as a share of machine value (0.25 = 25%). */
  tariffShare: Float64Array;
  /**
   * Efficiency (J/TH) of the machine `costUsdPerTh` is quoted for. Freight per TH/s scales with weight per TH/s,
   * taken proportional to J/TH (heat sinks, fans and power supply grow with watts): a 98 J/TH machine costs
   * 98 / 34.2 times as much per TH/s to ship as a 34.2 J/TH one.
   */
  freightReferenceJPerTh: number;
}

interface EventBase {
  /** Event id from the scenario, unique. */
  id: string;
  /** Indexes into `Plan.regions` (sorted by id) of the regions the event names. */
  regions: number[];
}

/** A ban: announced, effective, enforced monthly, optionally lifted. Dates are DayNumbers. */
export interface BanEvent extends EventBase {
  type: 'ban';
  announced: DayNumber;
  effective: DayNumber;
  /** Share of covert hashrate caught each month (0..1) at the start of the campaign (for an operation of mean size). */
  enforcement: number;
  /** Months in which enforcement halves after the ban takes effect (0: it never fades). */
  enforcementHalfLifeMonths: number;
  lifted?: DayNumber;
}

/** Capacity falls to `fraction` of normal from `from` (inclusive) to `to` (exclusive). */
export interface PowerCutEvent extends EventBase {
  type: 'powerCut';
  from: DayNumber;
  to: DayNumber;
  fraction: number;
}

/** Capacity changes by `addMw` (may be negative) from a date, for good. */
export interface CapacityEvent extends EventBase {
  type: 'capacity';
  from: DayNumber;
  addMw: number;
}

/** Power price rises by `addUsdPerKwh` and/or is multiplied by `multiply` from a date (until `to`, if set). */
export interface TariffEvent extends EventBase {
  type: 'tariff';
  from: DayNumber;
  to?: DayNumber;
  addUsdPerKwh: number;
  multiply: number;
}

/** The Bitcoin price is multiplied by `multiply` from a date, for good. */
export interface PriceShockEvent extends EventBase {
  type: 'priceShock';
  from: DayNumber;
  multiply: number;
}

export type PlanEvent = BanEvent | PowerCutEvent | CapacityEvent | TariffEvent | PriceShockEvent;

/** A compiled scenario, ready to simulate: one run's draw of a `PlanTemplate` (src/scenario/compile.ts). */
export interface Plan {
  name: string;
  /**
   * The run seed this plan's uncertain values were drawn with; the simulation seeds its own streams from it
   * too, so a plan can never be simulated or reported under another seed.
   */
  seed: number;
  /** First simulated month. */
  startMonth: MonthIndex;
  /** Number of simulated months (start and end inclusive). */
  months: number;
  /** Regions sorted by id (this order is the region index everywhere). */
  regions: RegionPlan[];
  network: NetworkPlan;
  agents: AgentsPlan;
  behaviour: BehaviourPlan;
  moves: MovesPlan;
  /** Events in scenario order (the simulation schedules them; halvings are added automatically). */
  events: PlanEvent[];
  /** Values drawn for uncertain parameters, by field path (reported in the manifest). */
  draws: Record<string, number>;
}
