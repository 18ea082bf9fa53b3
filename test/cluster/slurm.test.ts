/**
 * The real Slurm round trip: src/cluster/slurm-local.sh starts a private one-node Slurm (Debian's slurm-wlm and
 * munge, which .ci/run installs when missing), submits the job as an array (`sbatch --array --wait`), merges the
 * shards, runs the same job on one machine and compares every CSV byte for byte; it stops the daemons it started
 * by their PIDs whatever happens. Kept small (a few runs of scenarios/small.yaml); bounded by timeouts.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const SCRIPT = 'src/cluster/slurm-local.sh';

function slurmLocal(args: string[]) {
  // spawnSync's timeout sends SIGTERM: the script's trap stops the daemons and removes its folder.
  const r = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', timeout: 900_000, env: { ...process.env, SLURM_LOCAL_TIMEOUT: '800' } });
  if (r.status === 3) throw new Error(`${r.stderr}\nThe Slurm test needs root and Debian's slurm-wlm and munge: apt-get install -y slurm-wlm munge (bash .ci/run does it).`);
  return r;
}

/** Daemons of a private cluster (their command lines name a hashsim-slurm or hashsim-roundtrip folder). */
function leftoverDaemons(): string[] {
  const ps = spawnSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => /(slurmctld|slurmd|munged) .*hashsim-(slurm|roundtrip)\./.test(l) && !l.startsWith('Z'));
}

describe('Slurm round trip on a one-node cluster', () => {
  it('an ensemble as a 2-task array job, merged, is byte-identical to one machine', { timeout: 1_000_000 }, () => {
    const before = leftoverDaemons();
    const r = slurmLocal(['roundtrip', '--shards', '2', '--', 'ensemble', 'scenarios/small.yaml', '--runs', '4', '--seed', '3']);
    expect(r.stderr + r.stdout).toContain('roundtrip: hashsim ensemble scenarios/small.yaml --runs 4 --seed 3 on 2 Slurm array tasks, merged: 6 files (CSV and manifest.json) identical');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/down: stopped the daemons/);
    expect(leftoverDaemons()).toEqual(before);
  });

  it('a sweep as a 3-task array job, merged, has the points.csv and summaries of one machine', { timeout: 1_000_000 }, () => {
    const r = slurmLocal(['roundtrip', '--shards', '3', '--', 'sweep', 'scenarios/small.yaml', '--param', 'behaviour.hideProbability=0.05,0.3', '--runs', '2', '--seed', '1']);
    expect(r.stderr + r.stdout).toContain('on 3 Slurm array tasks, merged: 13 files (CSV and manifest.json) identical');
    expect(r.status).toBe(0);
  });
});
