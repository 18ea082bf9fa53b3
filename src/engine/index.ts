/** The generic discrete-event kernel: calendar, event queue, clock, seeded streams, day-weighted values. */
export * from './calendar.ts';
export * from './eventQueue.ts';
export * from './clock.ts';
export * from './streams.ts';
export * from './dayWeighted.ts';
