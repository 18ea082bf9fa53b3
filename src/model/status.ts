/**
 * Agent statuses (MODEL.md section 3), region policies and ban phases, stored as small integers.
 * `transit` covers both machines on their way (a destination and an arrival day) and machines waiting in a
 * warehouse for room somewhere (no destination yet, region = -1). `idle` machines are switched off where
 * they are: unprofitable, without power, or waiting out a ban in place (stranded).
 */
export const ACTIVE = 0;
export const IDLE = 1;
export const TRANSIT = 2;
export const HIDDEN = 3;
export const RETIRED = 4;

/** Status names in code order, for outputs. */
export const STATUS_NAMES = ['active', 'idle', 'transit', 'hidden', 'retired'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/** The codes as one object. */
export const Status = { ACTIVE, IDLE, TRANSIT, HIDDEN, RETIRED } as const;

/** A region's policy: open; a ban announced (closed to newcomers); banned (no declared mining). */
export const Policy = { OPEN: 0, ANNOUNCED: 1, BANNED: 2 } as const;

/** The phase of one ban event: not yet announced, announced, in force, lifted. Phases only move forward. */
export const BanPhase = { PENDING: 0, ANNOUNCED: 1, EFFECTIVE: 2, LIFTED: 3 } as const;

/** Names of the ban phases, as written in the event log. */
export const BAN_PHASE_NAMES = ['pending', 'announced', 'effective', 'lifted'] as const;
