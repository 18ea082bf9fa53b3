/**
 * Builds compiled plans directly (without YAML), for model tests and benchmarks.
 */
import { dayNumber, monthIndex } from '../../src/engine/calendar.ts';
import type { Plan, PlanEvent, RegionPlan } from '../../src/plan/plan.ts';

export interface RegionSpec {
  id: string;
  country: string;
  initialShare: number;
  priceUsdPerKwh: number | ((step: number) => number);
  capacityMw: number | ((step: number) => number);
  banHazardPerYear?: number;
  carbonGPerKwh?: number;
  buildOutMwPerMonth?: number;
  buildOutLeadMonths?: number;
  buildOutTrigger?: number;
  banCompliance?: number;
}

export interface PlanSpec {
  start?: [number, number];
  months?: number;
  agents?: number;
  regions?: RegionSpec[];
  events?: PlanEvent[];
  btcPriceUsd?: number | ((step: number) => number);
  supplyEhsPerMonth?: number;
  initialHashrateEhs?: number;
  initialJPerTh?: number;
  reviewProbabilityPerMonth?: number;
  /** Index (in sorted region order) new machines ship from; default -1 (no freight or tariff). */
  supplyOriginRegion?: number;
  /** Overrides of behaviour parameters. */
  behaviour?: Partial<Plan['behaviour']>;
  frontierJPerTh?: number;
  initialJPerThSigma?: number;
}

const fill = (n: number, v: number | ((s: number) => number)) =>
  Float64Array.from({ length: n }, (_, s) => (typeof v === 'function' ? v(s) : v));

/** Three regions (CN-SC cheap, US, KZ), 2021-01 onwards, 12 months, 300 agents, unless overridden. */
export function makePlan(spec: PlanSpec = {}): Plan {
  const months = spec.months ?? 12;
  const regionsSpec = spec.regions ?? [
    { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.035, capacityMw: 9000 },
    { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 3000 },
    { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 8000 },
  ];
  const regions: RegionPlan[] = [...regionsSpec]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id,
      country: r.country,
      initialShare: r.initialShare,
      powerPriceUsdPerKwh: fill(months, r.priceUsdPerKwh),
      capacityMw: fill(months, r.capacityMw),
      banHazardPerYear: fill(months, r.banHazardPerYear ?? 0),
      carbonGPerKwh: fill(months, r.carbonGPerKwh ?? 500),
      congestionThreshold: 0.8,
      congestionSlope: 0.5,
      buildOutMwPerMonth: r.buildOutMwPerMonth ?? 0,
      buildOutLeadMonths: r.buildOutLeadMonths ?? 6,
      buildOutTrigger: r.buildOutTrigger ?? 0.9,
      banCompliance: r.banCompliance ?? 0.85,
    }));
  const R = regions.length;
  const lead = new Float64Array(R * R);
  const cost = new Float64Array(R * R);
  for (let i = 0; i < R; i++)
    for (let j = 0; j < R; j++)
      if (i !== j) {
        lead[i * R + j] = regions[i].country === regions[j].country ? 1 : 2;
        cost[i * R + j] = regions[i].country === regions[j].country ? 0.5 : 2;
      }
  return {
    name: 'test',
    seed: 0,
    startMonth: monthIndex(...(spec.start ?? [2021, 1])),
    months,
    regions,
    network: {
      btcPriceUsd: fill(months, spec.btcPriceUsd ?? 40_000),
      feesBtcPerBlock: fill(months, 0.5),
      supplyEhsPerMonth: fill(months, spec.supplyEhsPerMonth ?? 2),
      frontierJPerTh: fill(months, spec.frontierJPerTh ?? 30),
      machineValueUsdPerTh: fill(months, 50),
      initialHashrateEhs: spec.initialHashrateEhs ?? 150,
      initialJPerTh: spec.initialJPerTh ?? 45,
      initialJPerThSigma: spec.initialJPerThSigma ?? 0.3,
      opexUsdPerThMonth: 0.3,
      supplyOriginRegion: spec.supplyOriginRegion ?? -1,
    },
    agents: { count: spec.agents ?? 300, sizeLognormalSigma: 1, newAgentSizeEhs: 0 },
    behaviour: {
      horizonMonths: 12,
      logitScaleUsdPerTh: 2,
      homeBiasUsdPerTh: 2,
      reviewProbabilityPerMonth: spec.reviewProbabilityPerMonth ?? 0.05,
      switchHysteresis: 0.05,
      retireAfterIdleMonths: 12,
      announcedLeaveProbabilityPerMonth: 0.2,
      hideProbability: 0.15,
      hiddenPowerPriceMultiplier: 1.5,
      displacementPremium: 0.5,
      detectionSizeElasticity: 0.5,
      hostingCapexUsdPerMw: 300_000,
      buildOutPaybackMonths: 24,
      ...spec.behaviour,
    },
    moves: { leadMonths: lead, costUsdPerTh: cost, tariffShare: new Float64Array(R * R), freightReferenceJPerTh: 30 },
    events: spec.events ?? [],
    draws: {},
  };
}

/** A ban event on the given region indexes. Dates as [y, m, d]. */
export function ban(
  id: string, regions: number[], announced: [number, number, number], effective: [number, number, number], enforcement = 0.5,
  lifted?: [number, number, number], enforcementHalfLifeMonths = 0,
): PlanEvent {
  return {
    id, type: 'ban', regions,
    announced: dayNumber(...announced), effective: dayNumber(...effective), enforcement, enforcementHalfLifeMonths,
    ...(lifted ? { lifted: dayNumber(...lifted) } : {}),
  };
}
