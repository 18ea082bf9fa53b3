/**
 * Progress of `hashsim calibrate` on stderr: one line per finished generation (particles accepted of proposals,
 * tolerance, ESS, time taken, a rough time left), and on a terminal a line within the generation that updates
 * as rounds finish.
 */
import type { Population, RoundProgress } from '../calibrate/abc/abcSmc.ts';

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * A progress reporter for `generations` generations; `enabled` false prints nothing.
 * @example const p = calibrateProgress(6, true); p.onRound(...); p.onGeneration(population, {...})
 */
export function calibrateProgress(generations: number, enabled: boolean) {
  const tty = enabled && process.stderr.isTTY === true;
  let started = Date.now();
  const seconds: number[] = [];
  const simulations: number[] = [];
  const clear = () => {
    if (tty) process.stderr.write('\r\x1b[K');
  };
  return {
    onRound(p: RoundProgress) {
      if (!tty) return;
      const tol = Number.isFinite(p.tolerance) ? p.tolerance.toFixed(4) : 'none (prior)';
      process.stderr.write(`\r\x1b[Kgeneration ${p.generation}: ${p.accepted}/${p.particles} accepted, ${p.simulations} simulated, tolerance ${tol}`);
    },
    onGeneration(pop: Population, info: { resumed: boolean; nextTolerance: number | undefined }) {
      const now = Date.now();
      if (!enabled) return;
      clear();
      const tol = Number.isFinite(pop.tolerance) ? pop.tolerance.toFixed(4) : 'none (prior)';
      let line = `generation ${pop.generation}/${generations - 1}: ${pop.particles.length} particles accepted of ${pop.attempts} proposed (${(100 * pop.acceptanceRate).toFixed(1)}%), tolerance ${tol}, ESS ${pop.ess.toFixed(0)}`;
      if (info.resumed) line += ', from its checkpoint';
      else {
        const took = (now - started) / 1000;
        seconds.push(took);
        simulations.push(pop.simulations);
        line += `, ${pop.simulations} simulations in ${duration(took)}`;
        const left = generations - 1 - pop.generation;
        if (left > 0) {
          // Later generations need more simulations: grow the last time by the last growth in simulations (generation 0,
          // the prior sample, does not count).
          const n = simulations.length;
          const growth = n > 2 ? Math.min(3, Math.max(1, simulations[n - 1] / simulations[n - 2])) : 1.5;
          let estimate = 0;
          for (let j = 1; j <= left; j++) estimate += took * growth ** j;
          line += `; about ${duration(estimate)} left`;
        }
      }
      process.stderr.write(`${line}\n`);
      started = Date.now();
    },
    done() {
      clear();
    },
  };
}
