import { describe, expect, test } from 'vitest';
import { AgentStore } from '../../src/model/agentStore.ts';
import { ACTIVE, Status, STATUS_NAMES } from '../../src/model/status.ts';

describe('AgentStore', () => {
  test('add appends an active agent with the given fields and returns its id', () => {
    const store = new AgentStore(4);
    expect(store.add(3, 1500, 29.5, 0.25, 0.5, 7)).toBe(0);
    expect(store.add(1, 10, 40, 0.5, 0.25, 2)).toBe(1);
    expect(store.count).toBe(2);
    expect([store.region[0], store.origin[0], store.hashrateThs[0], store.jPerTh[0], store.status[0], store.reviewStep[0], store.idleMonths[0], store.riskTolerance[0], store.reviewProbability[0]])
      .toEqual([3, 3, 1500, 29.5, ACTIVE, 7, 0, 0.25, 0.5]);
  });

  test('grows past its initial capacity without losing any agent', () => {
    const store = new AgentStore(1);
    expect(store.capacity).toBe(16);
    for (let i = 0; i < 1000; i++) store.add(i % 7, i + 0.5, 20 + (i % 13), (i % 4) / 4, (i % 8) / 8, i);
    expect(store.count).toBe(1000);
    expect(store.capacity).toBeGreaterThanOrEqual(1000);
    for (let i = 0; i < 1000; i++) {
      expect(store.region[i]).toBe(i % 7);
      expect(store.hashrateThs[i]).toBe(i + 0.5);
      expect(store.jPerTh[i]).toBe(20 + (i % 13));
      expect(store.riskTolerance[i]).toBe((i % 4) / 4);
      expect(store.reviewProbability[i]).toBe((i % 8) / 8);
      expect(store.reviewStep[i]).toBe(i);
    }
  });
});

describe('statuses', () => {
  test('codes and names line up: active, idle, transit, hidden, retired', () => {
    expect(STATUS_NAMES).toEqual(['active', 'idle', 'transit', 'hidden', 'retired']);
    expect([Status.ACTIVE, Status.IDLE, Status.TRANSIT, Status.HIDDEN, Status.RETIRED]).toEqual([0, 1, 2, 3, 4]);
  });
});
