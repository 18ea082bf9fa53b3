import { describe, expect, test } from 'vitest';
import { AgentStore } from '../../src/model/agentStore.ts';
import { efficiencyBin } from '../../src/model/efficiencyBins.ts';
import { ACTIVE, Status, STATUS_NAMES } from '../../src/model/status.ts';

describe('AgentStore', () => {
  test('add appends an active agent with the given fields and returns its id', () => {
    const store = new AgentStore(4);
    expect(store.add({ region: 3, hashrateThs: 1500, jPerTh: 29.5, riskTolerance: 0.25, reviewProbability: 0.5, reviewStep: 7, sinceDay: 100 })).toBe(0);
    expect(store.add({ region: 1, hashrateThs: 10, jPerTh: 40, riskTolerance: 0.5, reviewProbability: 0.25, reviewStep: 2, sinceDay: 100 })).toBe(1);
    expect(store.count).toBe(2);
    expect([store.region[0], store.origin[0], store.hashrateThs[0], store.jPerTh[0], store.status[0], store.reviewStep[0], store.idleMonths[0], store.riskTolerance[0], store.reviewProbability[0], store.sinceDay[0]])
      .toEqual([3, 3, 1500, 29.5, ACTIVE, 7, 0, 0.25, 0.5, 100]);
    expect(store.jBin[0]).toBe(efficiencyBin(29.5));
  });

  test('grows past its initial capacity without losing any agent', () => {
    const store = new AgentStore(1);
    expect(store.capacity).toBe(16);
    for (let i = 0; i < 1000; i++) {
      store.add({ region: i % 7, hashrateThs: i + 0.5, jPerTh: 20 + (i % 13), riskTolerance: (i % 4) / 4, reviewProbability: (i % 8) / 8, reviewStep: i, sinceDay: i });
    }
    expect(store.count).toBe(1000);
    expect(store.capacity).toBeGreaterThanOrEqual(1000);
    for (let i = 0; i < 1000; i++) {
      expect(store.region[i]).toBe(i % 7);
      expect(store.hashrateThs[i]).toBe(i + 0.5);
      expect(store.jPerTh[i]).toBe(20 + (i % 13));
      expect(store.riskTolerance[i]).toBe((i % 4) / 4);
      expect(store.reviewProbability[i]).toBe((i % 8) / 8);
      expect(store.reviewStep[i]).toBe(i);
      expect(store.sinceDay[i]).toBe(i);
      expect(store.jBin[i]).toBe(efficiencyBin(20 + (i % 13)));
    }
  });
});

describe('statuses', () => {
  test('codes and names line up: active, idle, transit, hidden, retired', () => {
    expect(STATUS_NAMES).toEqual(['active', 'idle', 'transit', 'hidden', 'retired']);
    expect([Status.ACTIVE, Status.IDLE, Status.TRANSIT, Status.HIDDEN, Status.RETIRED]).toEqual([0, 1, 2, 3, 4]);
  });
});
