/**
 * Writing one file into a folder atomically: to a hidden temporary name in the same folder, flushed, then
 * renamed into place, so a reader (or a process killed midway) sees the old file or the whole new one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `content` as `dir/name` (the folder is created if missing) through a temporary name; returns the path.
 * @example writeFolderFile('results/sweep', 'job.json', text) // 'results/sweep/job.json'
 */
export function writeFolderFile(dir: string, name: string, content: string | Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const temp = join(dir, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return path;
}
