/**
 * Agent statuses (MODEL.md section 3), stored as small integers in the agent store.
 * `transit` covers both machines on their way (a destination and an arrival month) and machines waiting in a
 * warehouse for room somewhere (no destination yet, region = -1).
 */
export const ACTIVE = 0;
export const IDLE = 1;
export const TRANSIT = 2;
export const HIDDEN = 3;
export const RETIRED = 4;

/** Status names in code order, for outputs. */
export const STATUS_NAMES = ['active', 'idle', 'transit', 'hidden', 'retired'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/**
 * The codes as one object, for hot loops to copy into module-level constants
 * (`const { ACTIVE, IDLE } = Status;`): under tsx and vitest each use of an imported binding is a getter
 * call, which costs more than the work of a per-agent loop.
 */
export const Status = { ACTIVE, IDLE, TRANSIT, HIDDEN, RETIRED } as const;
