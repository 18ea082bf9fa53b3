/**
 * Runs a compiled plan: schedules its events, then advances month by month (events of the month in date
 * order, then the settlement). Returns the trajectory. Deterministic: same plan and seed, same trajectory.
 */
import { runClock } from '../engine/clock.ts';
import type { Plan } from '../scenario/plan.ts';
import { applyHappening, scheduleEvents } from './policies.ts';
import { settleMonth } from './tick.ts';
import type { Trajectory } from './trajectory.ts';
import { createWorld, type World } from './world.ts';

/**
 * Simulates `plan` with `seed`. Example: `simulate(compileScenario(loadScenario('scenarios/small.yaml'), { seed: 1 }), 1)`.
 * `onMonth` (optional) is called after each month with the step and the number of months, for progress.
 */
export function simulate(plan: Plan, seed: number, onMonth?: (step: number, months: number) => void): Trajectory {
  return simulateWorld(plan, seed, onMonth).trajectory;
}

/** Like `simulate`, but returns the final world too (agent store and all), for tests and diagnostics. */
export function simulateWorld(plan: Plan, seed: number, onMonth?: (step: number, months: number) => void): World {
  const world = createWorld(plan, seed);
  const queue = scheduleEvents(plan);
  runClock(queue, plan.startMonth, plan.months, {
    onEvent: (day, happening) => applyHappening(world, day, happening),
    onTick: (step, _month, firstDay, endDay) => {
      settleMonth(world, step, firstDay, endDay);
      onMonth?.(step, plan.months);
    },
  });
  return world;
}
