/**
 * Reading the files a scenario names (the scenario itself, the files it extends, its CSV series) safely: only
 * regular files, at most a given size, text only. A path to a directory, a named pipe, a device such as
 * `/dev/zero` or a socket is refused without reading from it (the file is opened without blocking and checked on
 * the open descriptor, so it cannot be swapped in between), and so is a file over the limit (read at most one
 * byte past it, whatever size it claims: `/proc` files claim 0) or a binary file. The reason never quotes the
 * file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * What reading gave: the text, or what was found instead in words (`a named pipe`, `no such file`...); for a
 * file with a NUL byte, where the first one is (`at`, 1-based line and column), since that file is to blame.
 */
export type FileRead = { ok: true; text: string } | { ok: false; found: string; missing: boolean; at?: { line: number; column: number } };

/**
 * Reads `path` as UTF-8 text if it is a regular file of at most `maxBytes` bytes without NUL bytes.
 * @example readRegularFile('/dev/zero', 1000) // {ok: false, found: 'a device, not a regular file', missing: false}
 */
export function readRegularFile(path: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    return failure(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, found: `${kindOf(stat)}, not a regular file`, missing: false };
    if (stat.size > maxBytes) return tooLarge(maxBytes, stat.size);
    // Read at most one byte past the limit, whatever size the file claims (`/proc` files claim 0).
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return tooLarge(maxBytes);
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2 + 4096));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(maxBytes);
    return decode(buffer.subarray(0, length));
  } catch (e) {
    return failure(e);
  } finally {
    closeSync(fd);
  }
}

function decode(bytes: Buffer): FileRead {
  const nul = bytes.indexOf(0);
  if (nul < 0) return { ok: true, text: bytes.toString('utf8') };
  const lineStart = bytes.lastIndexOf(10, nul) + 1;
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < nul; i = bytes.indexOf(10, i + 1)) line++;
  return { ok: false, found: 'a NUL byte: a binary or corrupted file, not a text file', missing: false, at: { line, column: nul - lineStart + 1 } };
}

function tooLarge(maxBytes: number, size?: number): FileRead {
  return { ok: false, found: `a file of ${size ?? `more than ${maxBytes}`} bytes, over the limit of ${maxBytes} bytes`, missing: false };
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

function failure(e: unknown): FileRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, found: 'no such file', missing: true };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, found: 'permission denied', missing: true };
  if (code === 'EISDIR') return { ok: false, found: 'a directory, not a regular file', missing: false };
  if (code === 'ELOOP') return { ok: false, found: 'a loop of symbolic links', missing: true };
  if (code === 'ENAMETOOLONG') return { ok: false, found: 'a name too long for the file system', missing: true };
  return { ok: false, found: `a file that cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`, missing: false };
}
