/**
 * vitest global setup: before any test or benchmark, builds bin/build/ if it is missing or older than src/ (on a
 * clean clone `npm ci` has built it already), so that tests running `node bin/hashsim.js` exercise the bundle, as
 * users do, and start fast. It then sets HASHSIM_SKIP_STALE_CHECK=1 for the test processes: the bundle built here
 * is the code under test even if someone saves a source file during the run. If the build fails (a source that
 * does not compile), those tests run the sources through tsx instead, and bin/hashsim.js says so on stderr.
 */
import { buildIfStale } from '../../src/build/bundle.ts';

export default async function setup(): Promise<void> {
  try {
    const report = await buildIfStale();
    if (report) console.log(`[setup] built bin/build/ from src/ in ${(report.ms / 1000).toFixed(1)} s`);
    process.env.HASHSIM_SKIP_STALE_CHECK = '1';
  } catch (e) {
    const reason = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? (e instanceof Error ? e.message : String(e));
    console.warn(`[setup] cannot build bin/build/ (${reason}): bin/hashsim.js runs the sources through tsx in these tests`);
  }
}
