import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/eventQueue.ts';

function drain<T>(q: EventQueue<T>): { day: number; payload: T }[] {
  const out: { day: number; payload: T }[] = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
  return out;
}

describe('EventQueue', () => {
  test('an empty queue has size 0, peekDay +Infinity, and pop undefined', () => {
    const q = new EventQueue<string>();
    expect(q.size).toBe(0);
    expect(q.peekDay()).toBe(Number.POSITIVE_INFINITY);
    expect(q.pop()).toBeUndefined();
  });

  test('pops by day first, whatever the priority', () => {
    const q = new EventQueue<string>();
    q.push(20, 0, 'late-urgent');
    q.push(10, 9, 'early-lazy');
    expect(q.peekDay()).toBe(10);
    expect(drain(q).map((e) => e.payload)).toEqual(['early-lazy', 'late-urgent']);
  });

  test('on the same day, lower priority pops first', () => {
    const q = new EventQueue<string>();
    q.push(5, 7, 'effective');
    q.push(5, 0, 'lifted');
    q.push(5, 6, 'announced');
    expect(drain(q).map((e) => e.payload)).toEqual(['lifted', 'announced', 'effective']);
  });

  test('on the same day and priority, events pop in the order they were scheduled', () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 50; i++) q.push(3, 1, i);
    expect(drain(q).map((e) => e.payload)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  test('pop returns the day with the payload and shrinks the queue', () => {
    const q = new EventQueue<string>();
    q.push(18800, 1, 'ban');
    q.push(18801, 1, 'cut');
    expect(q.size).toBe(2);
    expect(q.pop()).toEqual({ day: 18800, payload: 'ban' });
    expect(q.size).toBe(1);
    expect(q.peekDay()).toBe(18801);
  });

  test('pops every push in the order of a stable sort by (day, priority)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 15 }), priority: fc.integer({ min: 0, max: 3 }) }), { maxLength: 200 }),
        (pushes) => {
          const q = new EventQueue<number>();
          pushes.forEach((p, i) => q.push(p.day, p.priority, i));
          expect(q.size).toBe(pushes.length);
          const expected = pushes
            .map((p, i) => ({ ...p, i }))
            .sort((a, b) => a.day - b.day || a.priority - b.priority) // Array.prototype.sort is stable
            .map((p) => ({ day: p.day, payload: p.i }));
          expect(drain(q)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('interleaved pushes and pops always pop the least (day, priority, scheduling order) queued', () => {
    type Op = { kind: 'push'; day: number; priority: number } | { kind: 'pop' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), day: fc.integer({ min: 0, max: 10 }), priority: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>();
        const model: { day: number; priority: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            q.push(o.day, o.priority, seq);
            model.push({ day: o.day, priority: o.priority, seq: seq++ });
          } else {
            let best = -1;
            model.forEach((m, i) => {
              const b = model[best];
              if (best < 0 || m.day < b.day || (m.day === b.day && (m.priority < b.priority || (m.priority === b.priority && m.seq < b.seq)))) best = i;
            });
            const got = q.pop();
            if (best < 0) expect(got).toBeUndefined();
            else {
              const [m] = model.splice(best, 1);
              expect(got).toEqual({ day: m.day, payload: m.seq });
            }
          }
          expect(q.size).toBe(model.length);
          expect(q.peekDay()).toBe(model.length ? Math.min(...model.map((m) => m.day)) : Number.POSITIVE_INFINITY);
        }
      }),
      { numRuns: 200 },
    );
  });
});
