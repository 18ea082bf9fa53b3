/**
 * Phase 10 of the settlement: hosting capacity that answers margins (MODEL.md section 4). In an open region
 * whose capacity next month is in use or reserved up to `buildOutTrigger`, new hosting is started when a new
 * machine there would earn enough per MW to pay back its cost within `buildOutPaybackMonths`: at the region's
 * maximum rate once it pays back twice over, proportionally below. It comes online `buildOutLeadMonths` later.
 * A region's written capacity path is data (observed growth) up to its last change: build-out starts from that
 * month on (`buildOutFromStep`), so it never adds to growth the path already holds.
 */
import { KWH_PER_MONTH_PER_WATT } from '../economics.ts';
import { Policy } from '../status.ts';
import { WATTS_PER_MW } from '../units.ts';
import type { World } from '../world.ts';

/** What build-out reads and writes. */
export type BuildOutInput = Pick<World, 'plan' | 'regionCount' | 'month' | 'bans' | 'next' | 'buildPipelineMw' | 'buildOutFromStep'>;

/**
 * The first step from which a region may build out: the step of the last change of its capacity path (0 for a
 * constant path).
 * @example buildOutFromStep(Float64Array.of(100, 150, 200, 200, 200)) // 2
 */
export function buildOutFromStep(capacityMw: Float64Array): number {
  for (let s = capacityMw.length - 1; s > 0; s--) if (capacityMw[s] !== capacityMw[s - 1]) return s;
  return 0;
}

/**
 * MW started in a region this month: `maxMwPerMonth` x min(1, max(0, payback ratio - 1)), where the payback
 * ratio is margin per MW-month x payback months / capex per MW; 0 below the utilisation trigger.
 * @example buildOutRateMw(200, 0.95, 0.9, 50_000, 24, 400_000) // 200 (pays back 3 times)
 */
export function buildOutRateMw(maxMwPerMonth: number, utilisation: number, trigger: number, marginUsdPerMwMonth: number, paybackMonths: number, capexUsdPerMw: number): number {
  if (!(maxMwPerMonth > 0) || utilisation < trigger || !(marginUsdPerMwMonth > 0)) return 0;
  const ratio = capexUsdPerMw > 0 ? (marginUsdPerMwMonth * paybackMonths) / capexUsdPerMw : Number.POSITIVE_INFINITY;
  return maxMwPerMonth * Math.min(1, Math.max(0, ratio - 1));
}

/**
 * Starts this month's build-out in every open region (after the market, on what is in use or reserved).
 * @example startBuildOut(world) // MW queued in world.buildPipelineMw
 */
export function startBuildOut(w: BuildOutInput): void {
  const { plan, next, regionCount: R, month } = w;
  const b = plan.behaviour;
  const frontier = plan.network.frontierJPerTh[month.step];
  const net = next.hashpriceUsdPerTh - plan.network.opexUsdPerThMonth;
  for (let r = 0; r < R; r++) {
    const region = plan.regions[r];
    const capacity = next.capacityMw[r];
    if (!(region.buildOutMwPerMonth > 0) || month.step < w.buildOutFromStep[r] || w.bans.policy[r] !== Policy.OPEN || !(capacity > 0)) continue;
    const utilisation = (capacity - next.freeMw[r]) / capacity;
    const marginPerMw = (net - KWH_PER_MONTH_PER_WATT * frontier * next.priceUsdPerKwh[r]) * (WATTS_PER_MW / frontier);
    const mw = buildOutRateMw(region.buildOutMwPerMonth, utilisation, region.buildOutTrigger, marginPerMw, b.buildOutPaybackMonths, b.hostingCapexUsdPerMw);
    if (!(mw > 0)) continue;
    const online = month.step + Math.max(1, Math.round(region.buildOutLeadMonths));
    if (online < plan.months) w.buildPipelineMw[online * R + r] += mw;
  }
}
