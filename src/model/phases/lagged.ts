/**
 * Phase 3 of the settlement: the state one month carries into the next, from what it produced. Next month's
 * difficulty is set for this month's hashrate (within Bitcoin's factor-of-4 rule), and this month's
 * utilisation sets next month's congestion. The output row is written by production and only read here.
 */
import { nextDifficultyImpliedThs } from '../economics.ts';
import type { World } from '../world.ts';

/** What the lagged phase reads and writes. */
export type LaggedInput = Pick<World, 'regionCount' | 'month' | 'trajectory' | 'utilisation' | 'difficultyImpliedThs'>;

/**
 * Advances the difficulty and the congestion utilisation from the month just produced.
 * @example advanceLagged(world); world.difficultyImpliedThs // this month's hashing TH/s (within a factor 4)
 */
export function advanceLagged(w: LaggedInput): void {
  const { trajectory: t, month, regionCount: R } = w;
  const s = month.step;
  for (let r = 0; r < R; r++) {
    const k = s * R + r;
    w.utilisation[r] = t.region.capacityMw[k] > 0 ? t.region.loadMw[k] / t.region.capacityMw[k] : 0;
  }
  w.difficultyImpliedThs = nextDifficultyImpliedThs(w.difficultyImpliedThs, t.network.hashingThs[s]);
}
