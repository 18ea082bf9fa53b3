/**
 * Loads a shipped CommonJS file with its V8 code cache in a fresh `node` process, through the project's own loader
 * (src/build/codeCache.ts `loadCommonJs`, which the bundle uses), so a test sees what a new process of the shipped
 * entry sees: whether V8 accepts the cache, and what the file's exports do. The process imports the loader's source
 * through tsx; V8 accepts or refuses a cache by its own version and flags, which tsx does not change.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the fresh process printed. */
export interface FreshLoad {
  /** V8 refused the cache (false: used it; undefined: no cache file). */
  cacheRejected: boolean | undefined;
  /** The JSON value `use` returned, when given. */
  used?: unknown;
  /** The process's standard error (empty when all went well). */
  stderr: string;
}

/**
 * Loads `file` with `cacheFile` in a fresh node process; `use`, the source of a function of the file's exports
 * (it may be async and import modules), is called there and its JSON-able result returned.
 * @example loadInFreshNode('bin/build/scenarioValidator.cjs', 'bin/build/scenarioValidator.v8cache').cacheRejected // false
 */
export function loadInFreshNode(file: string, cacheFile: string, use?: string): FreshLoad {
  const loader = pathToFileURL(resolve('src/build/codeCache.ts')).href;
  const code = [
    `import { loadCommonJs } from ${JSON.stringify(loader)};`,
    `const loaded = loadCommonJs(${JSON.stringify(resolve(file))}, ${JSON.stringify(resolve(cacheFile))});`,
    `const use = ${use ?? 'undefined'};`,
    'process.stdout.write(JSON.stringify({ cacheRejected: loaded.cacheRejected, used: use ? await use(loaded.exports) : undefined }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  const out = r.status === 0 && r.stdout ? (JSON.parse(r.stdout) as Omit<FreshLoad, 'stderr'>) : { cacheRejected: undefined };
  return { ...out, stderr: r.stderr + (r.status === 0 ? '' : `(exit ${r.status})`) };
}
