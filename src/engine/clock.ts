/**
 * The discrete-event loop: for each month, pops the events dated within it in queue order and hands them
 * to `onEvent`, then calls `onTick` (the settlement at the end of the month). Events scheduled during a
 * month for a later day of the same month are still processed before its tick.
 *
 * With `onBoundary`, the end of a month is settled in two steps: `onTick` first (what happened during the
 * month), then the events dated on the next month's first day, then `onBoundary` (what is decided at the
 * month's end, seeing what takes effect on the next month's first day). For the last month there is no
 * next month: `onBoundary` is called without handling later events.
 */
import { daysInMonth, firstDayOfMonth } from './calendar.ts';
import type { EventQueue } from './eventQueue.ts';

export interface ClockHandlers<T> {
  /** Handles one event on its day. */
  onEvent(day: number, payload: T): void;
  /** Settles month `step` (0-based), which runs from day `firstDay` to `endDay` (exclusive). */
  onTick(step: number, month: number, firstDay: number, endDay: number): void;
  /** Optional: called after `onTick` and the events dated on `endDay` (the next month's first day). */
  onBoundary?(step: number, month: number, firstDay: number, endDay: number): void;
}

/**
 * Runs months `startMonth` .. `startMonth + months - 1`. Events dated before the start are handled before
 * the first tick; events after the end are left in the queue.
 */
export function runClock<T>(queue: EventQueue<T>, startMonth: number, months: number, handlers: ClockHandlers<T>): void {
  for (let step = 0; step < months; step++) {
    const month = startMonth + step;
    const firstDay = firstDayOfMonth(month);
    const endDay = firstDay + daysInMonth(month);
    while (queue.peekDay() < endDay) {
      const event = queue.pop()!;
      handlers.onEvent(event.day, event.payload);
    }
    handlers.onTick(step, month, firstDay, endDay);
    if (handlers.onBoundary) {
      if (step < months - 1) {
        while (queue.peekDay() === endDay) {
          const event = queue.pop()!;
          handlers.onEvent(event.day, event.payload);
        }
      }
      handlers.onBoundary(step, month, firstDay, endDay);
    }
  }
}
