/**
 * Hand-made plans (makePlan, randomPlan) are built without a seed; these give them one and simulate, so a test
 * reads `simulateSeeded(plan, 7)` as before the plan carried its seed.
 */
import { simulate, simulateWorld } from '../../src/model/simulate.ts';
import type { Trajectory } from '../../src/model/trajectory.ts';
import { createWorld, type World } from '../../src/model/world.ts';
import type { Plan } from '../../src/plan/plan.ts';

export const simulateSeeded = (plan: Plan, seed: number): Trajectory => simulate({ ...plan, seed });
export const simulateWorldSeeded = (plan: Plan, seed: number): World => simulateWorld({ ...plan, seed });
export const createWorldSeeded = (plan: Plan, seed: number): World => createWorld({ ...plan, seed });
