/**
 * The trajectory of one run: per-month, per-region and network-wide outputs in flat typed arrays
 * (index `step * regionCount + region`), plus flows and the event log. Written by the tick, read by report/.
 */
import type { Plan } from '../plan/plan.ts';

/** One line of the event log (events.jsonl). */
export interface EventLogEntry {
  date: string;
  month: string;
  event: string;
  type: string;
  phase: string;
  regions: string[];
  agents?: number;
  hashrateEhs?: number;
  detail?: string;
}

/** Per-region outputs, one value per step and region. */
export interface RegionSeries {
  activeThs: Float64Array;
  hiddenThs: Float64Array;
  idleThs: Float64Array;
  transitThs: Float64Array;
  agentsActive: Float64Array;
  agentsIdle: Float64Array;
  agentsTransit: Float64Array;
  agentsHidden: Float64Array;
  loadMw: Float64Array;
  capacityMw: Float64Array;
  powerPriceUsdPerKwh: Float64Array;
  energyTwh: Float64Array;
  co2Mt: Float64Array;
}

/** Network-wide outputs, one value per step. */
export interface NetworkSeries {
  hashingThs: Float64Array;
  difficultyImpliedThs: Float64Array;
  blocks: Float64Array;
  subsidyBtc: Float64Array;
  feesBtcPerBlock: Float64Array;
  btcPriceUsd: Float64Array;
  hashpriceUsdPerThMonth: Float64Array;
  revenueUsd: Float64Array;
  installedThs: Float64Array;
  retiredThs: Float64Array;
  supplyPlacedThs: Float64Array;
  supplyUnplacedThs: Float64Array;
  /** TH/s shipped before the start and installed in the first month's market, on their way (supply.ts); 0 after. */
  pipelinePlacedThs: Float64Array;
  agents: Float64Array;
}

export interface Trajectory {
  plan: Plan;
  seed: number;
  /** Month labels `YYYY-MM`, one per step. */
  months: string[];
  regionCount: number;
  region: RegionSeries;
  network: NetworkSeries;
  /** Hashrate (TH/s) whose move started in a step: index (step * R + from) * R + to. */
  flowsThs: Float64Array;
  events: EventLogEntry[];
}

/** Allocates zeroed output arrays for `months` steps and `regionCount` regions. */
export function allocateSeries(months: number, regionCount: number): Pick<Trajectory, 'region' | 'network' | 'flowsThs'> {
  const perRegion = () => new Float64Array(months * regionCount);
  const perMonth = () => new Float64Array(months);
  return {
    region: {
      activeThs: perRegion(), hiddenThs: perRegion(), idleThs: perRegion(), transitThs: perRegion(),
      agentsActive: perRegion(), agentsIdle: perRegion(), agentsTransit: perRegion(), agentsHidden: perRegion(),
      loadMw: perRegion(), capacityMw: perRegion(), powerPriceUsdPerKwh: perRegion(), energyTwh: perRegion(), co2Mt: perRegion(),
    },
    network: {
      hashingThs: perMonth(), difficultyImpliedThs: perMonth(), blocks: perMonth(), subsidyBtc: perMonth(),
      feesBtcPerBlock: perMonth(), btcPriceUsd: perMonth(), hashpriceUsdPerThMonth: perMonth(), revenueUsd: perMonth(),
      installedThs: perMonth(), retiredThs: perMonth(), supplyPlacedThs: perMonth(), supplyUnplacedThs: perMonth(), pipelinePlacedThs: perMonth(), agents: perMonth(),
    },
    flowsThs: new Float64Array(months * regionCount * regionCount),
  };
}
