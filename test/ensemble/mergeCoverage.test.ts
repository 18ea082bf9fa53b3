import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCoverage, formatCoverage, type FoundRecord } from '../../src/ensemble/merge.ts';

const ok = (runId: string, batch = 'b'): FoundRecord => ({ runId, status: 'ok', error: '', batch });
const failed = (runId: string, error = 'boom', batch = 'b'): FoundRecord => ({ runId, status: 'failed', error, batch });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `p0000-r${String(i).padStart(6, '0')}`);

describe('checkCoverage', () => {
  it('complete: nothing to report', () => {
    const c = checkCoverage(ids(3), ids(3).map((id) => ok(id)));
    expect(c).toEqual({ missing: [], failed: [], doubled: [], unknown: [] });
    expect(formatCoverage(c, 3)).toEqual([]);
  });
  it('missing, doubled and foreign runs, in run-list order, in words', () => {
    const [a, b, c, d] = ids(4);
    const cov = checkCoverage([a, b, c, d], [ok(d, 'x'), ok(a, 'x'), ok(a, 'y'), ok('p0009-r000000', 'z')]);
    expect(cov.missing).toEqual([b, c]);
    expect(cov.doubled).toEqual([{ runId: a, batches: ['x', 'y'] }]);
    expect(formatCoverage(cov, 4)).toEqual([
      '2 of 4 runs missing: p0000-r000001, p0000-r000002',
      '1 run doubled (recorded in more than one batch): p0000-r000000',
      '  p0000-r000000 in x and y',
      '1 record of runs that are not in the job: p0009-r000000 (z)',
    ]);
  });
  it('a failed run is present (as failed); failed then ok (a retry) is one run', () => {
    const [a, b] = ids(2);
    const cov = checkCoverage([a, b], [failed(a, 'NaN in share'), failed(b), ok(b)]);
    expect(cov).toEqual({ missing: [], failed: [{ runId: a, error: 'NaN in share' }], doubled: [], unknown: [] });
    expect(formatCoverage(cov, 2)).toEqual([]);
  });
  it('lists at most 20 ids per kind and counts the rest', () => {
    const cov = checkCoverage(ids(30), []);
    expect(formatCoverage(cov, 30)[0]).toMatch(/^30 of 30 runs missing: p0000-r000000, .*p0000-r000019, \.\.\. \(10 more\)$/);
  });
  it('any split of the runs into shards, minus some and plus copies, is reported exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 6 }), fc.uniqueArray(fc.nat(59)), fc.uniqueArray(fc.nat(59)), (n, shards, drop, copy) => {
        const all = ids(n);
        const dropped = new Set(drop.filter((i) => i < n).map((i) => all[i]));
        const copied = new Set(copy.filter((i) => i < n).map((i) => all[i]).filter((id) => !dropped.has(id)));
        const records = all.flatMap((id, k) => (dropped.has(id) ? [] : [ok(id, `shard-${k % shards}`), ...(copied.has(id) ? [ok(id, 'copy')] : [])]));
        const cov = checkCoverage(all, records);
        expect(cov.missing).toEqual(all.filter((id) => dropped.has(id)));
        expect(cov.doubled.map((d) => d.runId)).toEqual(all.filter((id) => copied.has(id)));
        expect(formatCoverage(cov, n).length === 0).toBe(dropped.size === 0 && copied.size === 0);
      }),
    );
  });
});
