#!/usr/bin/env node
// Entry point of `hashsim` (`npx hashsim`, `npm start`): runs the bundle bin/build/hashsim.mjs, which
// `npm run build` makes (and `npm ci` / `npm install` through the `prepare` script). When the bundle is missing or
// older than a file of src/ (sources edited since the build), it says so in one line on stderr and runs the
// sources through tsx instead: a slower start, the same results. (The rule is bundleState() of src/build/bundle.ts.)
// HASHSIM_SKIP_STALE_CHECK=1 uses the bundle even if src/ changed after it was built (tests set it: they build the
// bundle first, and other people's edits during a test run must not switch it to the sources).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundleUrl = new URL('./build/hashsim.mjs', import.meta.url);
const bundleFile = fileURLToPath(bundleUrl);
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** 'missing', 'stale' (a file of src/ is newer than the bundle), or undefined when the bundle is up to date. */
function bundleState() {
  if (!existsSync(bundleFile)) return 'missing';
  if (process.env.HASHSIM_SKIP_STALE_CHECK === '1' || !existsSync(srcDir)) return undefined;
  const built = statSync(bundleFile).mtimeMs;
  for (const entry of readdirSync(srcDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built) return 'stale';
  }
  return undefined;
}

const fail = (message) => {
  process.stderr.write(`hashsim: ${message}\n`);
  process.exit(1);
};

const state = bundleState();
if (state === undefined) {
  try {
    await import(bundleUrl.href);
  } catch (e) {
    fail(`cannot load bin/build/hashsim.mjs (${e instanceof Error ? e.message : String(e)}); run 'npm run build' (please report it if that does not help)`);
  }
} else {
  process.stderr.write(
    `hashsim: ${state === 'missing' ? 'no build in bin/build/' : 'bin/build/ is older than src/'}; running the sources through tsx (slower start). Run 'npm run build' to rebuild.\n`,
  );
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    fail("tsx is not installed either: run 'npm ci' (it also builds bin/build/)");
  }
  register();
  try {
    await import(new URL('../src/cli/main.ts', import.meta.url).href);
  } catch (e) {
    fail(`cannot load src/cli/main.ts (${e instanceof Error ? e.message : String(e)}); run 'npm ci'`);
  }
}
