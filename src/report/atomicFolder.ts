/**
 * Writing a set of files into a folder as one unit: the whole set is written into a fresh sibling folder
 * (`.<name>.tmp-<pid>-<random>`), then swapped into place (the old folder renamed aside to
 * `.<name>.old-<pid>-<random>`, the new one renamed in, the old one removed). A reader never sees a folder that
 * mixes two sets or lacks a file; a failure at any step removes what it wrote and leaves the old folder as it
 * was; temporary folders left by a killed process are harmless (hidden, never read) and removed by the next
 * write next to them. Reusable by any command that writes a set of files (run outputs, ensembles, charts).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The content of one file: text (written as UTF-8) or bytes (a PNG, a Parquet file...). */
export type FileContent = string | Uint8Array;

/** Options of `writeFolderAtomically`. */
export interface AtomicFolderOptions {
  /**
   * Whether an entry (a top-level name) found in the existing folder belongs to the set being replaced. The
   * folder is replaced only if every entry does; otherwise nothing is written and the error names the first
   * foreign entry (so that `--out .` or `--out ~/Documents` never deletes anyone's files). Default: the entry is
   * a name (or the first folder of a name) of the new set.
   */
  owns?: (entry: string) => boolean;
}

/** A folder that cannot be written, with the reason in words (the caller reports it as bad input). */
export class FolderWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderWriteError';
  }
}

const TEMP = /^\.(.+)\.(tmp|old)-(\d+)-[0-9a-f]+$/;

/**
 * Writes `files` (relative name -> content; `a/b.png` makes a subfolder) as the whole content of folder `dir`,
 * atomically (see the module comment), and returns the paths written in the order given. The parent folder is
 * created if missing. Throws `FolderWriteError` when the folder cannot be written (an existing folder holding
 * foreign files, a file in the way, no permission, a full disk), after removing every temporary file.
 * @example writeFolderAtomically('results/small', new Map([['a.csv', 'x\n1\n'], ['chart.png', pngBytes]]))
 */
export function writeFolderAtomically(dir: string, files: ReadonlyMap<string, FileContent>, options: AtomicFolderOptions = {}): string[] {
  for (const name of files.keys()) checkName(name);
  const target = realTarget(dir);
  const parent = dirname(target);
  const base = basename(target);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    const blocker = fileInTheWay(parent);
    throw new FolderWriteError(`cannot create the folder ${parent}: ${blocker ? `${blocker} is a file, not a folder` : reason(e)}`);
  }
  removeStaleTemps(parent, base);
  const owns = options.owns ?? ((entry: string) => [...files.keys()].some((n) => n === entry || n.startsWith(`${entry}/`)));
  checkReplaceable(target, owns);

  const temp = join(parent, `.${base}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(temp);
    for (const [name, content] of files) writeDurably(join(temp, name), content);
    swapIn(temp, target, parent, base);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (e instanceof FolderWriteError) throw e;
    throw new FolderWriteError(reason(e));
  }
  syncFolder(parent);
  return [...files.keys()].map((name) => join(dir, name));
}

/** The folder to replace: the real folder a symbolic link points at (so the link keeps working), else the path. */
function realTarget(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** The nearest existing ancestor of `path` (or itself) when it is not a folder. */
function fileInTheWay(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      return lstatSync(p).isDirectory() ? undefined : p;
    } catch {
      if (dirname(p) === p) return undefined;
    }
  }
}

function checkName(name: string): void {
  const parts = name.split('/');
  if (name === '' || name.includes('\\') || name.includes('\0') || name.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`writeFolderAtomically: a file name must be a relative path without . or .. parts, found ${JSON.stringify(name)}`);
  }
}

function checkReplaceable(target: string, owns: (entry: string) => boolean): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return; // nothing there yet
  }
  if (!stat.isDirectory()) throw new FolderWriteError(`${target} exists and is not a folder`);
  let entries: string[];
  try {
    entries = readdirSync(target).sort();
  } catch (e) {
    throw new FolderWriteError(`cannot read the folder ${target}: ${reason(e)}`);
  }
  const foreign = entries.find((entry) => !owns(entry) && !isOldTempFile(entry));
  if (foreign !== undefined) {
    throw new FolderWriteError(
      `the folder holds ${JSON.stringify(foreign)}, which is not an output of this set; the output folder is replaced as a whole, so choose a new or empty folder`,
    );
  }
}

/** Temporary files of the writer before atomic sets (`.countries.csv.1234.tmp`), left by a killed run. */
function isOldTempFile(entry: string): boolean {
  return /^\..+\.\d+\.tmp$/.test(entry);
}

function writeDurably(path: string, content: FileContent): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'wx');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Renames `temp` to `target`, moving an existing `target` aside first and removing it after. */
function swapIn(temp: string, target: string, parent: string, base: string): void {
  for (let attempt = 0; ; attempt++) {
    const old = join(parent, `.${base}.old-${process.pid}-${randomBytes(6).toString('hex')}`);
    let movedAside = false;
    if (existsSync(target)) {
      try {
        renameSync(target, old);
        movedAside = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new FolderWriteError(`cannot move the old folder ${target} aside: ${reason(e)}`);
      }
    }
    try {
      renameSync(temp, target);
    } catch (e) {
      if (movedAside) {
        try {
          renameSync(old, target);
        } catch {
          // Another writer put a folder in place meanwhile: theirs stays, the old one goes.
          rmSync(old, { recursive: true, force: true });
        }
      }
      const code = (e as NodeJS.ErrnoException).code;
      // Another process renamed its own set in between: try again (the last writer wins, never a mix).
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 5) continue;
      throw new FolderWriteError(`cannot move the new folder into place at ${target}: ${reason(e)}`);
    }
    if (movedAside) rmSync(old, { recursive: true, force: true });
    return;
  }
}

/** Removes `.<base>.tmp-<pid>-*` and `.<base>.old-<pid>-*` folders of processes that no longer run. */
function removeStaleTemps(parent: string, base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[3]);
    if (pid === process.pid || isRunning(pid)) continue; // still in use (by this process or a live one)
    rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncFolder(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can sync a folder; the renames are done either way.
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return `permission denied (${err.code})`;
  if (err?.code === 'ENOTDIR') return `a file is in the way of a folder (ENOTDIR)`;
  if (err?.code === 'EROFS') return 'read-only file system (EROFS)';
  return err instanceof Error ? err.message : String(e);
}
