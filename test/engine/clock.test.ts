import { describe, expect, test } from 'vitest';
import { dayNumber, daysInMonth, firstDayOfMonth, formatDay, formatMonth, monthIndex } from '../../src/engine/calendar.ts';
import { runClock } from '../../src/engine/clock.ts';
import { EventQueue } from '../../src/engine/eventQueue.ts';

/** Runs the clock and returns a log of `event:<payload>@<date>` and `tick:<step>:<month>` lines. */
function trace(queue: EventQueue<string>, start: number, months: number, onEvent?: (day: number, p: string, q: EventQueue<string>) => void): string[] {
  const log: string[] = [];
  runClock(queue, start, months, {
    onEvent: (day, p) => {
      log.push(`event:${p}@${formatDay(day)}`);
      onEvent?.(day, p, queue);
    },
    onTick: (step, month, firstDay, endDay) => {
      expect(firstDay).toBe(firstDayOfMonth(month));
      expect(endDay - firstDay).toBe(daysInMonth(month));
      log.push(`tick:${step}:${formatMonth(month)}`);
    },
  });
  return log;
}

describe('runClock', () => {
  test("hands a month's events to onEvent before that month's tick, in date order", () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2021, 2, 28), 0, 'feb-end');
    q.push(dayNumber(2021, 1, 31), 0, 'jan-end');
    q.push(dayNumber(2021, 2, 1), 0, 'feb-start');
    q.push(dayNumber(2021, 1, 1), 0, 'jan-start');
    expect(trace(q, monthIndex(2021, 1), 3)).toEqual([
      'event:jan-start@2021-01-01',
      'event:jan-end@2021-01-31',
      'tick:0:2021-01',
      'event:feb-start@2021-02-01',
      'event:feb-end@2021-02-28',
      'tick:1:2021-02',
      'tick:2:2021-03',
    ]);
  });

  test('leaves events after the last month in the queue', () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2021, 1, 15), 0, 'in');
    q.push(dayNumber(2021, 3, 1), 0, 'after');
    q.push(dayNumber(2022, 1, 1), 0, 'much-later');
    expect(trace(q, monthIndex(2021, 1), 2)).toEqual(['event:in@2021-01-15', 'tick:0:2021-01', 'tick:1:2021-02']);
    expect(q.size).toBe(2);
    expect(q.pop()).toEqual({ day: dayNumber(2021, 3, 1), payload: 'after' });
  });

  test('handles events dated before the start before the first tick', () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2020, 6, 1), 0, 'old');
    expect(trace(q, monthIndex(2021, 1), 1)).toEqual(['event:old@2020-06-01', 'tick:0:2021-01']);
  });

  test('an event scheduled during a month for a later day of that month is handled before its tick', () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2021, 1, 10), 0, 'ship');
    const log = trace(q, monthIndex(2021, 1), 2, (day, p, queue) => {
      if (p === 'ship') {
        queue.push(day + 5, 0, 'arrive-same-month');
        queue.push(day + 30, 0, 'arrive-next-month');
      }
    });
    expect(log).toEqual([
      'event:ship@2021-01-10',
      'event:arrive-same-month@2021-01-15',
      'tick:0:2021-01',
      'event:arrive-next-month@2021-02-09',
      'tick:1:2021-02',
    ]);
  });

  test('zero months runs nothing and leaves the queue untouched', () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2021, 1, 1), 0, 'x');
    expect(trace(q, monthIndex(2021, 1), 0)).toEqual([]);
    expect(q.size).toBe(1);
  });
});

describe('runClock with onBoundary', () => {
  test("the next month's first-day events come between a month's tick and its boundary; not after the last month", () => {
    const q = new EventQueue<string>();
    q.push(dayNumber(2021, 1, 15), 0, 'mid-jan');
    q.push(dayNumber(2021, 2, 1), 0, 'feb-1');
    q.push(dayNumber(2021, 2, 2), 0, 'feb-2');
    q.push(dayNumber(2021, 3, 1), 0, 'after-end');
    const log: string[] = [];
    runClock(q, monthIndex(2021, 1), 2, {
      onEvent: (day, p) => log.push(`event:${p}@${formatDay(day)}`),
      onTick: (step) => log.push(`tick:${step}`),
      onBoundary: (step, month, firstDay, endDay) => {
        expect(endDay - firstDay).toBe(daysInMonth(month));
        log.push(`boundary:${step}`);
      },
    });
    expect(log).toEqual([
      'event:mid-jan@2021-01-15', 'tick:0', 'event:feb-1@2021-02-01', 'boundary:0',
      'event:feb-2@2021-02-02', 'tick:1', 'boundary:1',
    ]);
    expect(q.size).toBe(1);
  });
});
