/**
 * The output tables of a run as CSV text: countries.csv, regions.csv, network.csv, flows.csv
 * (columns and units documented in results/README.md).
 */
import type { Trajectory } from '../model/trajectory.ts';
import { THS_PER_EHS } from '../model/units.ts';
import { aggregateByCountry, shares } from './aggregate.ts';
import { fixed, toCsv } from './csv.ts';

const ehs = (ths: number) => fixed(ths / THS_PER_EHS, 6);

/** countries.csv: month,country,hashrate_ehs,share,hidden_ehs,idle_ehs,transit_ehs,energy_twh,co2_mt. */
export function countriesCsv(t: Trajectory): string {
  const table = aggregateByCountry(t);
  const C = table.countries.length;
  const rows: string[][] = [];
  t.months.forEach((month, s) => {
    const share = shares(table.hashingThs.subarray(s * C, (s + 1) * C));
    table.countries.forEach((country, c) => {
      const k = s * C + c;
      rows.push([month, country, ehs(table.hashingThs[k]), fixed(share[c], 6), ehs(table.hiddenThs[k]), ehs(table.idleThs[k]),
        ehs(table.transitThs[k]), fixed(table.energyTwh[k], 6), fixed(table.co2Mt[k], 6)]);
    });
  });
  return toCsv(['month', 'country', 'hashrate_ehs', 'share', 'hidden_ehs', 'idle_ehs', 'transit_ehs', 'energy_twh', 'co2_mt'], rows);
}

/** regions.csv: the same per region, with the country, agent counts, capacity, load, utilisation and power price. */
export function regionsCsv(t: Trajectory): string {
  const R = t.regionCount;
  const g = t.region;
  const rows: string[][] = [];
  t.months.forEach((month, s) => {
    const hashing = Array.from({ length: R }, (_, r) => g.activeThs[s * R + r] + g.hiddenThs[s * R + r]);
    const share = shares(hashing);
    t.plan.regions.forEach((region, r) => {
      const k = s * R + r;
      const utilisation = g.capacityMw[k] > 0 ? g.loadMw[k] / g.capacityMw[k] : 0;
      rows.push([month, region.id, region.country, ehs(hashing[r]), fixed(share[r], 6), ehs(g.hiddenThs[k]), ehs(g.idleThs[k]),
        ehs(g.transitThs[k]), String(g.agentsActive[k]), String(g.agentsIdle[k]), String(g.agentsTransit[k]), String(g.agentsHidden[k]),
        fixed(g.capacityMw[k], 3), fixed(g.loadMw[k], 3), fixed(utilisation, 6), fixed(g.powerPriceUsdPerKwh[k], 6),
        fixed(g.energyTwh[k], 6), fixed(g.co2Mt[k], 6)]);
    });
  });
  return toCsv(['month', 'region', 'country', 'hashrate_ehs', 'share', 'hidden_ehs', 'idle_ehs', 'transit_ehs', 'agents_active',
    'agents_idle', 'agents_transit', 'agents_hidden', 'capacity_mw', 'load_mw', 'utilisation', 'power_price_usd_per_kwh',
    'energy_twh', 'co2_mt'], rows);
}

/** network.csv: network-wide hashrate, difficulty-implied hashrate, blocks, reward, price, hashprice, revenue, fleet. */
export function networkCsv(t: Trajectory): string {
  const n = t.network;
  const rows = t.months.map((month, s) => [month, ehs(n.hashingThs[s]), ehs(n.difficultyImpliedThs[s]), fixed(n.blocks[s], 1),
    fixed(n.subsidyBtc[s], 6), fixed(n.feesBtcPerBlock[s], 6), fixed(n.btcPriceUsd[s], 2), fixed(n.hashpriceUsdPerThMonth[s], 6),
    fixed(n.revenueUsd[s], 0), ehs(n.installedThs[s]), ehs(n.retiredThs[s]), ehs(n.supplyPlacedThs[s]), ehs(n.supplyUnplacedThs[s]),
    String(n.agents[s])]);
  return toCsv(['month', 'hashrate_ehs', 'difficulty_implied_ehs', 'blocks', 'subsidy_btc', 'fees_btc_per_block', 'btc_price_usd',
    'hashprice_usd_per_th_month', 'revenue_usd', 'installed_ehs', 'retired_ehs', 'supply_placed_ehs', 'supply_unplaced_ehs', 'agents'], rows);
}

/** flows.csv: month,from,to,hashrate_ehs for every move that started that month (zero rows omitted). */
export function flowsCsv(t: Trajectory): string {
  const R = t.regionCount;
  const rows: string[][] = [];
  t.months.forEach((month, s) => {
    for (let from = 0; from < R; from++) {
      for (let to = 0; to < R; to++) {
        const ths = t.flowsThs[(s * R + from) * R + to];
        if (ths > 0) rows.push([month, t.plan.regions[from].id, t.plan.regions[to].id, ehs(ths)]);
      }
    }
  });
  return toCsv(['month', 'from', 'to', 'hashrate_ehs'], rows);
}

/** events.jsonl: one JSON object per line, in the order the events happened. */
export function eventsJsonl(t: Trajectory): string {
  return t.events.map((e) => JSON.stringify(e)).join('\n') + (t.events.length ? '\n' : '');
}
