/**
 * Runs a compiled plan: schedules its events, then advances month by month (events of the month in date
 * order, then the settlement: production, the next month's first-day events, decisions). Returns the
 * trajectory. Deterministic: same plan and seed, same trajectory.
 */
import { runClock } from '../engine/clock.ts';
import type { Plan } from '../plan/plan.ts';
import { applyHappening, scheduleEvents } from './policies.ts';
import { decideAtMonthEnd, settleMonth } from './tick.ts';
import type { Trajectory } from './trajectory.ts';
import { createWorld, type World } from './world.ts';

/**
 * Simulates `plan` with the seed it was drawn with (`plan.seed`). Most callers want `runScenario`
 * (src/run/runScenario.ts), which compiles and simulates in one call.
 * `onMonth` (optional) is called after each month with the step and the number of months, for progress.
 * @example simulate(compileScenario(loadScenario('scenarios/small.yaml'), { seed: 1 })).months[0] // '2021-01'
 */
export function simulate(plan: Plan, onMonth?: (step: number, months: number) => void): Trajectory {
  return simulateWorld(plan, onMonth).trajectory;
}

/** Like `simulate`, but returns the final world too (agent store and all), for tests and diagnostics. */
export function simulateWorld(plan: Plan, onMonth?: (step: number, months: number) => void): World {
  const world = createWorld(plan);
  const queue = scheduleEvents(plan);
  runClock(queue, plan.startMonth, plan.months, {
    onEvent: (day, happening) => applyHappening(world, day, happening),
    onTick: (step, _month, firstDay, endDay) => settleMonth(world, step, firstDay, endDay),
    onBoundary: (step) => {
      decideAtMonthEnd(world);
      onMonth?.(step, plan.months);
    },
  });
  return world;
}
