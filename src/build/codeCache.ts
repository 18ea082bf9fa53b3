/**
 * Loading a CommonJS file with V8's code cache: the cache holds the file's compiled code, so a large file (the
 * precompiled scenario validators, 3.8 MB and 0.4 MB; the run command's script, 0.55 MB) starts in milliseconds
 * instead of being parsed and compiled again by every process. The build writes the cache (`writeCodeCache`) after
 * exercising the code, so that the functions it calls are in it. A cache made by another node version or with other V8 flags is rejected by V8,
 * and the file is then compiled as usual: slower, same result.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

/** A CommonJS file run through `vm.Script`: its exports, the script (for `writeCodeCache`), and the cache's fate. */
export interface LoadedScript {
  exports: unknown;
  script: Script;
  /** true: V8 refused the cache; false: used; undefined: there was no cache file. */
  cacheRejected: boolean | undefined;
}

/**
 * Runs the CommonJS file `file` (with `require` resolving from its folder, and `module.filename` set) using the code
 * cache `cacheFile` if it exists.
 * @example loadCommonJs('bin/build/scenarioValidator.cjs', 'bin/build/scenarioValidator.v8cache').exports // the validate function
 */
export function loadCommonJs(file: string, cacheFile?: string): LoadedScript {
  const code = readFileSync(file, 'utf8');
  const cachedData = cacheFile !== undefined && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(`(function (module, exports, require) {${code}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown, filename: file };
  (script.runInThisContext() as (m: object, e: unknown, r: NodeJS.Require) => void)(module, module.exports, createRequire(file));
  return { exports: module.exports, script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected };
}

/** Writes the code cache of a loaded script, with everything compiled so far (call it after exercising the code). */
export function writeCodeCache(loaded: LoadedScript, cacheFile: string): void {
  writeFileSync(cacheFile, loaded.script.createCachedData());
}
