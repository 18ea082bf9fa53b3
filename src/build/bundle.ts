/**
 * The build: bundles the CLI (src/cli/main.ts -> bin/build/hashsim.mjs) and the worker modules of paths.ts's
 * `WORKER_SOURCES` (src/ensemble/worker.ts -> bin/build/worker.mjs, ...) with esbuild, for `node bin/hashsim.js`
 * to start fast: no tsx at run time, a few files to read instead of about 1,500 modules, the scenario validator
 * precompiled (ajv standalone code written at build time, bin/build/scenarioValidator.cjs, loaded with a V8 code
 * cache, instead of ajv compiling the schema at every start; a quick validator tried first, see twoTierValidator.ts),
 * mathjs's parser only (src/scenario/mathParser.ts), and each command's code in a chunk of its own, loaded only when
 * that command runs (src/cli/commands.ts); `run`'s in a CommonJS script with a V8 code cache (`codeCachedRun`).
 *
 * Run by `npm run build`, and by `npm ci` / `npm install` through the `prepare` script. `--if-stale` builds only
 * when the bundle is missing or older than a file of src/ (what bin/hashsim.js checks before using it).
 *
 * In the bundle, `import.meta.url` of every bundled file still names that file's own source (so
 * `new URL('../../scenarios/data/', import.meta.url)` works unchanged), except in src/build/paths.ts, the one
 * module that asks where the bundle is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import { WORKER_SOURCES } from './paths.ts';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the bundle goes (gitignored). */
export const OUT_DIR = join(ROOT, 'bin', 'build');
/** The file whose modification time stamps the build (set to the time the build started). */
export const STAMP_FILE = join(OUT_DIR, 'hashsim.mjs');

/**
 * Packages left out of the bundle and loaded from node_modules when (and only when) a command imports them:
 * native or WebAssembly code, packages that start their own worker files, and large libraries only some commands
 * use (charts, Parquet, the test-only DuckDB and browser).
 */
export const EXTERNAL_PACKAGES = [
  '@resvg/resvg-js',
  '@duckdb/node-api',
  'piscina',
  'vega',
  'vega-lite',
  'hyparquet-writer',
  'hyparquet',
  'playwright-core',
];

const SRC_DIR = join(ROOT, 'src');
const PATHS_MODULE = join(SRC_DIR, 'build', 'paths.ts');
const VALIDATOR_MODULE = join(SRC_DIR, 'scenario', 'validator.ts');
const CODE_CACHE_MODULE = join(SRC_DIR, 'build', 'codeCache.ts');
const TWO_TIER_MODULE = join(SRC_DIR, 'build', 'twoTierValidator.ts');
const RUN_MODULE = join(SRC_DIR, 'cli', 'run.ts');
/**
 * Set to 1, the bundle writes the V8 code cache of the run script when the process exits (`build` sets it for the
 * run it makes the cache with).
 */
export const WRITE_RUN_CACHE_ENV = 'HASHSIM_WRITE_RUN_CODE_CACHE';
/** What `build` runs to make the run script's code cache: the code a run takes is compiled in it. */
export const RUN_CACHE_EXERCISE = ['run', 'scenarios/china-2021.yaml', '--charts', 'none', '--quiet'];
/** The precompiled scenario validator and its V8 code cache, in bin/build/. */
export const VALIDATOR_FILE = 'scenarioValidator.cjs';
export const VALIDATOR_CACHE = 'scenarioValidator.v8cache';
/** The quick validator (valid or not, no messages; see twoTierValidator.ts) and its V8 code cache, in bin/build/. */
export const QUICK_VALIDATOR_FILE = 'scenarioQuickValidator.cjs';
export const QUICK_VALIDATOR_CACHE = 'scenarioQuickValidator.v8cache';

/**
 * Milliseconds since the epoch of the newest file under src/ (0 when there is none).
 * @example newestSourceMs() > 0 // true in a checkout
 */
export function newestSourceMs(dir = SRC_DIR): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Why the bundle cannot be used as it is ('missing', 'stale': older than a file of src/), or undefined when it is
 * up to date.
 */
export function bundleState(): 'missing' | 'stale' | undefined {
  if (!existsSync(STAMP_FILE)) return 'missing';
  return newestSourceMs() > statSync(STAMP_FILE).mtimeMs ? 'stale' : undefined;
}

/** `import.meta.url` of a bundled file replaced by its source file's URL, computed from where the bundle is. */
function keepSourceUrls(outDir: string): Plugin {
  return {
    name: 'keep-source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, (args) => {
        if (args.path === PATHS_MODULE) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromOut = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`),
          loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/**
 * What string-width (every copy: yargs's help text uses several) makes when it is loaded, each with a stand-in made
 * at first use: an `Intl.Segmenter` (ICU's break rules, about 20-40 ms) and, in string-width 8, the RGI emoji
 * regular expression (a property of strings: about 60 ms to build on node 20). yargs loads string-width with every
 * command, but only its help text measures strings, and the plain ASCII of ours never reaches either.
 */
export const LATE_MADE: readonly { eager: string; late: string }[] = [
  {
    eager: 'const segmenter = new Intl.Segmenter();',
    late: 'let segmenterMadeLate; const segmenter = { segment: (text) => (segmenterMadeLate ??= new Intl.Segmenter()).segment(text) };',
  },
  {
    eager: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    late: "let rgiEmojiRegexMadeLate; const rgiEmojiRegex = { test: (text) => (rgiEmojiRegexMadeLate ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text) };",
  },
];

/**
 * The objects of `LATE_MADE` made at their first use in the bundle (same segments, same widths). A string-width
 * whose text differs is bundled as it is.
 */
function lateMadeStringWidth(): Plugin {
  return {
    name: 'late-made-string-width',
    setup(build) {
      build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        let contents = text;
        for (const { eager, late } of LATE_MADE) contents = contents.replace(eager, () => late);
        return contents === text ? undefined : { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * src/scenario/validator.ts (which compiles the schema at first use) replaced by a module that loads the validators
 * precompiled at build time, each with its V8 code cache (see `writeValidator`): the quick one first, and the full
 * one, bin/build/scenarioValidator.cjs, only for a scenario the quick one finds a mistake in (twoTierValidator.ts).
 */
function precompiledValidator(): Plugin {
  return {
    name: 'precompiled-scenario-validator',
    setup(build) {
      build.onResolve({ filter: /^\.\/validator\.ts$/ }, (args) =>
        join(args.resolveDir, args.path) === VALIDATOR_MODULE ? { path: 'validator', namespace: 'precompiled' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({
        contents: [
          `import { loadCommonJs } from ${JSON.stringify(CODE_CACHE_MODULE)};`,
          `import { twoTierValidator } from ${JSON.stringify(TWO_TIER_MODULE)};`,
          "import { fileURLToPath } from 'node:url';",
          'let validate;',
          '/** The scenario validators precompiled at build time (ajv standalone code), each loaded with its V8 code cache at first need. */',
          'export function scenarioValidator() {',
          '  if (validate === undefined) {',
          '    const file = (name) => fileURLToPath(new URL(name, import.meta.url));',
          '    validate = twoTierValidator(',
          `      () => loadCommonJs(file('./${QUICK_VALIDATOR_FILE}'), file('./${QUICK_VALIDATOR_CACHE}')).exports,`,
          `      () => loadCommonJs(file('./${VALIDATOR_FILE}'), file('./${VALIDATOR_CACHE}')).exports,`,
          '    );',
          '  }',
          '  return validate;',
          '}',
        ].join('\n'),
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/**
 * src/cli/run.ts (the `run` command) replaced in the ESM bundle by a module that loads it from `script`, a CommonJS
 * file of the same folder holding run.ts and everything it imports (`runScriptOptions`), with its V8 code cache: the
 * cache holds the bytecode of every function a run calls (made by `build` after a run), so the ~500 kB of code a run
 * takes (scenario loading, formulas, the model, the outputs) is neither parsed nor compiled at each start. Both file
 * names carry a hash of the script's content, so a script is never paired with the cache of another.
 */
function codeCachedRun(script: string): Plugin {
  const cache = script.replace(/\.cjs$/, '.v8cache');
  return {
    name: 'code-cached-run-command',
    setup(build) {
      build.onResolve({ filter: /[\\/]run\.ts$/ }, (args) =>
        args.kind !== 'entry-point' && join(args.resolveDir, args.path) === RUN_MODULE ? { path: 'run', namespace: 'code-cached' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'code-cached' }, () => ({
        contents: [
          `import { loadCommonJs, writeCodeCache } from ${JSON.stringify(CODE_CACHE_MODULE)};`,
          "import { fileURLToPath } from 'node:url';",
          `const file = (name) => fileURLToPath(new URL(name, import.meta.url));`,
          `const cache = file('./${cache}');`,
          '/** src/cli/run.ts and what it imports, from a CommonJS script of the bundle loaded with its V8 code cache. */',
          `const loaded = loadCommonJs(file('./${script}'), cache);`,
          `if (process.env.${WRITE_RUN_CACHE_ENV} === '1') process.once('exit', () => writeCodeCache(loaded, cache));`,
          'export const runCommand = loaded.exports.runCommand;',
        ].join('\n'),
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/**
 * The esbuild options of the run script (see `codeCachedRun`): src/cli/run.ts and everything it imports (the charts
 * included, loaded when used) in one CommonJS file, `chunk-run-<hash>.cjs`, run by codeCache.ts's `loadCommonJs`.
 * Otherwise as `bundleOptions`: the same plugins, externals and defines; `import.meta.url` is the script's own URL
 * (for paths.ts), and dynamic imports of external packages become `require` (a script run by `node:vm` cannot
 * `import()` on node 20).
 */
export function runScriptOptions(outDir: string): BuildOptions {
  const base = bundleOptions({ run: RUN_MODULE }, outDir, true);
  return {
    ...base,
    format: 'cjs',
    splitting: false,
    entryNames: 'chunk-run-[hash]',
    outExtension: { '.js': '.cjs' },
    supported: { 'dynamic-import': false },
    banner: { js: "const __hashsimScriptUrl = require('node:url').pathToFileURL(module.filename).href;" },
    define: { ...base.define, 'import.meta.url': '__hashsimScriptUrl' },
  };
}

/**
 * Runs `RUN_CACHE_EXERCISE` with the bundle in `dir` so that it writes the run script's V8 code cache (node with its
 * default flags, as users run it: V8 refuses a cache made under other flags). Returns why it failed (the cache is
 * then missing and the run script is compiled at each start: slower, same results), or undefined.
 */
function writeRunCache(dir: string): string | undefined {
  const out = mkdtempSync(join(tmpdir(), 'hashsim-build-run-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, [WRITE_RUN_CACHE_ENV]: '1', CI: 'true' };
    delete env.NODE_OPTIONS;
    const r = spawnSync(process.execPath, [join(dir, 'hashsim.mjs'), ...RUN_CACHE_EXERCISE, '--out', out], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.status !== 0) return `hashsim ${RUN_CACHE_EXERCISE.join(' ')} exited ${r.status}: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`;
    return undefined;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Writes the precompiled scenario validators into `dir` (ajv standalone code, CommonJS: the full one and the quick
 * one, see twoTierValidator.ts) and their V8 code caches, made after validating every shipped scenario and a
 * document full of mistakes, so that the code those take is compiled in the caches.
 */
async function writeValidator(dir: string): Promise<void> {
  const { quickValidatorCode, standaloneValidatorCode } = await import('./standaloneValidator.ts');
  const { loadCommonJs, writeCodeCache } = await import('./codeCache.ts');
  const { parse } = await import('yaml');
  const scenarios = join(ROOT, 'scenarios');
  const documents: unknown[] = readdirSync(scenarios)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(readFileSync(join(scenarios, f), 'utf8')));
  documents.push({ start: '2021-13', network: { btcPriceUsd: 'lots' }, regions: { X: { capacityMW: -1, powerPriceUsdPerKwh: { dist: 'x' } } }, events: [{ type: 'ban' }] });
  for (const [name, cache, code] of [
    [VALIDATOR_FILE, VALIDATOR_CACHE, standaloneValidatorCode()],
    [QUICK_VALIDATOR_FILE, QUICK_VALIDATOR_CACHE, quickValidatorCode()],
  ]) {
    const file = join(dir, name);
    writeFileSync(file, code);
    const loaded = loadCommonJs(file);
    for (const document of documents) (loaded.exports as (data: unknown) => boolean)(document);
    writeCodeCache(loaded, join(dir, cache));
  }
}

/**
 * The esbuild options of the bundle: minified ESM for node 20, code splitting (each dynamically imported command is a chunk
 * of its own), `require` available to bundled CommonJS code, `__HASHSIM_BUNDLE__` defined (see paths.ts).
 * `precompiled`: the scenario validator is the one `writeValidator` writes next to the bundle (false: compiled at
 * run time, as from source). `runScript`: the file name of the run script (`runScriptOptions`) the `run` command is
 * loaded from, with its code cache (undefined: run.ts is bundled as a chunk like every other command).
 */
export function bundleOptions(entryPoints: Record<string, string>, outDir: string, precompiled = false, runScript?: string): BuildOptions {
  return {
    entryPoints,
    outdir: outDir,
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL_PACKAGES,
    banner: { js: "import { createRequire as __hashsimCreateRequire } from 'node:module';\nconst require = __hashsimCreateRequire(import.meta.url);" },
    define: { __HASHSIM_BUNDLE__: 'true' },
    plugins: [lateMadeStringWidth(), keepSourceUrls(outDir), ...(precompiled ? [precompiledValidator()] : []), ...(runScript ? [codeCachedRun(runScript)] : [])],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Smaller files parse faster at every start; nothing here depends on function names.
    minify: true,
  };
}

/** The entry points: the CLI, and each worker module of `WORKER_SOURCES` (paths.ts) whose source exists. */
export function entryPoints(): Record<string, string> {
  const entries: Record<string, string> = { hashsim: join(SRC_DIR, 'cli', 'main.ts') };
  for (const [name, source] of Object.entries(WORKER_SOURCES)) {
    if (existsSync(join(SRC_DIR, source))) entries[name] = join(SRC_DIR, source);
  }
  return entries;
}

/** What `build` made: the files written (relative to bin/build/, with their bytes) and how long it took. */
export interface BuildReport {
  files: { name: string; bytes: number }[];
  ms: number;
  metafile: Metafile;
}

/** Chunks of earlier builds are kept this long, for a hashsim started before the build that loads them late. */
const OLD_CHUNK_GRACE_MS = 10 * 60_000;
const LOCK_DIR = join(ROOT, 'bin', 'build.lock');

/**
 * Runs `fn` holding the build lock (a folder bin/build.lock with the holder's pid), so that two builds (npm run
 * build, a test building the bundle) never write at once. A lock left by a process that no longer runs is taken.
 */
export async function withBuildLock<T>(fn: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!lockHolderAlive()) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`bin/build.lock is held by another build for more than ${timeoutMs / 60_000} minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function lockHolderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
  } catch {
    // The holder has made the folder but not yet written its pid, or has just released it.
    return existsSync(LOCK_DIR) && Date.now() - statSync(LOCK_DIR).mtimeMs < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Builds bin/build/ from src/ (call it holding the lock, see `withBuildLock`). esbuild writes into a temporary
 * folder; the new chunks (named by a hash of their content) are then moved into bin/build/ and the entry files
 * renamed over the old ones, the stamp file (hashsim.mjs) last. A hashsim already running from an older build
 * still finds its chunks: those of earlier builds are removed only when more than ten minutes old. The stamp
 * file's time is set to the start of the build, so a source saved during the build makes the bundle stale.
 * @example await withBuildLock(build) // {files: [{name: 'hashsim.mjs', bytes: ...}, ...], ms: 1500}
 */
export async function build(): Promise<BuildReport> {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const tmp = `${OUT_DIR}-${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    // Built into tmp, run from OUT_DIR: the same depth under the root, so relative URLs computed for tmp hold.
    const runResult = await esbuild.build(runScriptOptions(tmp));
    const runScript = basename(Object.keys(runResult.metafile!.outputs).find((o) => o.endsWith('.cjs'))!);
    const result = await esbuild.build(bundleOptions(entryPoints(), tmp, true, runScript));
    await writeValidator(tmp);
    const cacheProblem = writeRunCache(tmp);
    if (cacheProblem) process.stderr.write(`hashsim build: warning: no code cache for the run command (${cacheProblem}); runs start slower\n`);
    // The metafile (what each output contains, for tests and for looking), with paths as they are after the move.
    const tmpRel = relative(ROOT, tmp).split(sep).join('/');
    const outRel = relative(ROOT, OUT_DIR).split(sep).join('/');
    const both: Metafile = {
      inputs: { ...runResult.metafile!.inputs, ...result.metafile!.inputs },
      outputs: { ...runResult.metafile!.outputs, ...result.metafile!.outputs },
    };
    const metafile: Metafile = JSON.parse(JSON.stringify(both).replaceAll(`"${tmpRel}/`, `"${outRel}/`));
    writeFileSync(join(tmp, 'meta.json'), JSON.stringify(metafile));
    utimesSync(join(tmp, 'hashsim.mjs'), started / 1000, started / 1000);

    const made = readdirSync(tmp);
    const chunks = made.filter((f) => f.startsWith('chunk-'));
    const entries = made.filter((f) => !f.startsWith('chunk-') && f !== 'hashsim.mjs');
    mkdirSync(OUT_DIR, { recursive: true });
    for (const f of [...chunks, ...entries, 'hashsim.mjs']) renameSync(join(tmp, f), join(OUT_DIR, f));
    for (const f of readdirSync(OUT_DIR)) {
      const file = join(OUT_DIR, f);
      const old = !made.includes(f);
      if (old && (!f.startsWith('chunk-') || Date.now() - statSync(file).mtimeMs > OLD_CHUNK_GRACE_MS)) rmSync(file, { recursive: true, force: true });
    }
    const files = Object.entries(metafile.outputs).map(([name, o]) => ({ name: relative(OUT_DIR, join(ROOT, name)), bytes: o.bytes }));
    return { files, ms: Date.now() - started, metafile };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Builds bin/build/ if it is missing or older than src/ (holding the lock; rechecked once the lock is held).
 * Returns the build's report, or undefined when the bundle was up to date.
 */
export async function buildIfStale(): Promise<BuildReport | undefined> {
  if (bundleState() === undefined) return undefined;
  return withBuildLock(async () => (bundleState() === undefined ? undefined : build()));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const ifStale = process.argv.includes('--if-stale');
  const state = bundleState();
  if (ifStale && state === undefined) {
    process.stdout.write('hashsim build: bin/build/ is up to date\n');
  } else {
    try {
      await import('esbuild');
    } catch {
      // Installed without dev dependencies: bin/hashsim.js runs the sources through tsx instead.
      process.stdout.write('hashsim build: esbuild is not installed (dev dependency); skipped, hashsim will run from source\n');
      process.exit(0);
    }
    let report: BuildReport;
    try {
      report = await withBuildLock(build);
    } catch (e) {
      // esbuild has printed each problem with its file:line:column already.
      const first = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? (e instanceof Error ? e.message : String(e));
      process.stderr.write(`hashsim build: failed (${first}); bin/hashsim.js will run from source through tsx\n`);
      process.exit(1);
    }
    const entries = report.files.filter((f) => !f.name.startsWith('chunk-') && f.name.endsWith('.mjs'));
    const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;
    process.stdout.write(
      `hashsim build: bin/build/ ${entries.map((f) => `${f.name} ${kb(f.bytes)}`).join(', ')} + ${report.files.filter((f) => f.name.startsWith('chunk-')).length} chunks, in ${(report.ms / 1000).toFixed(1)} s\n`,
    );
  }
}
