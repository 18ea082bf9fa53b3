/**
 * Phase 5 of the settlement: the hashprice agents expect next month (see expectedHashprice.ts): the settled
 * hashprice of next month's reward over the machines able to run then (active, covert at the covert price,
 * and idle where mining is allowed), at next month's power prices.
 */
import { settledHashprice } from '../expectedHashprice.ts';
import { ACTIVE, HIDDEN, IDLE, Policy } from '../status.ts';
import type { World } from '../world.ts';

/** What the expectation reads and writes. */
export type ExpectationsInput = Pick<World, 'plan' | 'agents' | 'bans' | 'next' | 'breakevenThs' | 'breakevenMemo' | 'difficultyImpliedThs'>;

/**
 * Sets `next.hashpriceUsdPerTh` from `next.rewardUsd` and the fleet able to run next month.
 * @example expectHashprice(world); world.next.hashpriceUsdPerTh // USD per TH/s per month
 */
export function expectHashprice(w: ExpectationsInput): void {
  const { agents, plan, next, breakevenThs, breakevenMemo } = w;
  const policy = w.bans.policy;
  const opex = plan.network.opexUsdPerThMonth;
  const hiddenMultiplier = plan.behaviour.hiddenPowerPriceMultiplier;
  const price = next.priceUsdPerKwh;
  breakevenThs.fill(0);
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s !== ACTIVE && s !== IDLE && s !== HIDDEN) continue;
    const r = agents.region[id];
    if (s === IDLE && policy[r] === Policy.BANNED) continue;
    const p = s === HIDDEN ? price[r] * hiddenMultiplier : price[r];
    breakevenThs[breakevenMemo.binOf(id, agents.jPerTh[id], p, opex)] += agents.hashrateThs[id];
  }
  next.hashpriceUsdPerTh = settledHashprice(breakevenThs, next.rewardUsd, next.rewardUsd / w.difficultyImpliedThs);
}
