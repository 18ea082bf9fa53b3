/**
 * Day-weighted status accounting (MODEL.md section 1: time in days). An agent's TH/s counts in a month's
 * outputs for the days it spent in each status and region: a ban on the 20th leaves 19 days of hashing,
 * a shipment arriving on the 10th hashes for the rest of the month. Every status change goes through
 * `changeStatus`, which first books the days spent in the old status since the open accounting period began.
 */
import type { AgentStore } from './agentStore.ts';
import { ACTIVE, HIDDEN, RETIRED } from './status.ts';
import { WATTS_PER_MW } from './units.ts';
import type { MonthAccounts, MonthSpan } from './world.ts';

/** What accounting needs: the agents, the month's accounts and its open period, the region count. */
export interface AccountingInput {
  agents: AgentStore;
  accounts: MonthAccounts;
  month: MonthSpan;
  regionCount: number;
}

/**
 * Books the days agent `id` spent in its current status and region from max(its `sinceDay`, the open
 * period's first day) up to `day` (exclusive); nothing for retired agents or an empty span.
 * @example accrue(world, 7, dayNumber(2021, 6, 20)) // agent 7's hashing from June 1 to 19 counts in June
 */
export function accrue(w: AccountingInput, id: number, day: number): void {
  const a = w.agents;
  const status = a.status[id];
  if (status === RETIRED) return;
  const since = a.sinceDay[id];
  const from = since > w.month.accountsFromDay ? since : w.month.accountsFromDay;
  const days = day - from;
  if (days <= 0) return;
  let r = a.region[id];
  if (r < 0) r = a.origin[id];
  const thsDays = a.hashrateThs[id] * days;
  w.accounts.thsDays[status * w.regionCount + r] += thsDays;
  if (status === ACTIVE || status === HIDDEN) w.accounts.loadMwDays[r] += (thsDays * a.jPerTh[id]) / WATTS_PER_MW;
}

/**
 * Changes an agent's status and region from `day` on, booking the days spent in the old ones first.
 * @example changeStatus(world, 7, IDLE, region, banDay) // switched off by a ban on its day
 */
export function changeStatus(w: AccountingInput, id: number, status: number, region: number, day: number): void {
  accrue(w, id, day);
  const a = w.agents;
  a.status[id] = status;
  a.region[id] = region;
  a.sinceDay[id] = day;
}
