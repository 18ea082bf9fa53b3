import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FolderWriteError, writeFolderAtomically, writeOutputs } from '../../src/report/index.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'hashsim-atomic-'));
const contentOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
/** A pid that is certainly not running: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('writeFolderAtomically(dir, files)', () => {
  test('writes text and bytes (and subfolders) into a new folder and returns the paths', () => {
    const root = tmp();
    const dir = join(root, 'deep', 'out');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const paths = writeFolderAtomically(dir, new Map<string, string | Uint8Array>([['a.csv', 'x\n1\n'], ['charts/c.png', png]]));
    expect(paths).toEqual([join(dir, 'a.csv'), join(dir, 'charts/c.png')]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('x\n1\n');
    expect([...readFileSync(join(dir, 'charts/c.png'))]).toEqual([...png]);
    expect(readdirSync(join(root, 'deep'))).toEqual(['out']);
  });

  test('replaces a previous set as a whole: no file of the old set survives, no temporary folder is left', () => {
    const root = tmp();
    const dir = join(root, 'out');
    writeFolderAtomically(dir, new Map([['a.csv', 'old a'], ['b.csv', 'old b']]));
    writeFolderAtomically(dir, new Map([['a.csv', 'new a'], ['c.csv', 'new c']]), { owns: (e) => ['a.csv', 'b.csv', 'c.csv'].includes(e) });
    expect(contentOf(dir)).toEqual({ 'a.csv': 'new a', 'c.csv': 'new c' });
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a failure midway leaves the previous set untouched and removes what it wrote', () => {
    const root = tmp();
    const dir = join(root, 'out');
    writeFolderAtomically(dir, new Map([['a.csv', 'old a'], ['b.csv', 'old b']]));
    // 'x' is written as a file, then 'x/y' cannot be: the write fails after some files are on disk.
    const e = errorOf(() => writeFolderAtomically(dir, new Map([['a.csv', 'new a'], ['x', 'file'], ['x/y', 'under a file']]), { owns: () => true }));
    expect(e).toBeInstanceOf(FolderWriteError);
    expect(contentOf(dir)).toEqual({ 'a.csv': 'old a', 'b.csv': 'old b' });
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('refuses to replace a folder that holds files it did not write, and writes nothing', () => {
    const root = tmp();
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const e = errorOf(() => writeFolderAtomically(root, new Map([['a.csv', 'x']])));
    expect(e).toBeInstanceOf(FolderWriteError);
    expect(e.message).toBe('the folder holds "notes.txt", which is not an output of this set; the output folder is replaced as a whole, so choose a new or empty folder');
    expect(contentOf(root)).toEqual({ 'notes.txt': 'mine' });
  });

  test('a file where the folder should be is an error that says so', () => {
    const root = tmp();
    writeFileSync(join(root, 'out'), '');
    const e = errorOf(() => writeFolderAtomically(join(root, 'out'), new Map([['a.csv', 'x']])));
    expect(e.message).toBe(`${join(root, 'out')} exists and is not a folder`);
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a symbolic link to a folder keeps pointing at the (replaced) real folder', () => {
    const root = tmp();
    const real = join(root, 'real');
    writeFolderAtomically(real, new Map([['a.csv', 'old']]));
    symlinkSync(real, join(root, 'link'));
    writeFolderAtomically(join(root, 'link'), new Map([['a.csv', 'new']]));
    expect(readFileSync(join(root, 'link', 'a.csv'), 'utf8')).toBe('new');
    expect(readFileSync(join(real, 'a.csv'), 'utf8')).toBe('new');
  });

  test('temporary folders left by a killed writer are harmless and removed by the next write; a live writer\'s are kept', () => {
    const root = tmp();
    const dir = join(root, 'out');
    writeFolderAtomically(dir, new Map([['a.csv', 'old']]));
    const dead = deadPid();
    for (const name of [`.out.tmp-${dead}-00aa`, `.out.old-${dead}-11bb`, `.out.tmp-1-22cc`]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'a.csv'), 'half');
    }
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old'); // the set in place is whole meanwhile
    writeFolderAtomically(dir, new Map([['a.csv', 'new']]));
    expect(readdirSync(root).sort()).toEqual(['.out.tmp-1-22cc', 'out']); // pid 1 is running: not ours to remove
    expect(contentOf(dir)).toEqual({ 'a.csv': 'new' });
  });

  test('file names must stay inside the folder', () => {
    expect(() => writeFolderAtomically(tmp(), new Map([['../escape', 'x']]))).toThrow(/relative path/);
    expect(() => writeFolderAtomically(tmp(), new Map([['/abs', 'x']]))).toThrow(/relative path/);
  });
});

describe('writeOutputs(dir, files)', () => {
  test('replaces the outputs of a previous run, including files its manifest lists that the new set lacks', () => {
    const root = tmp();
    const manifest = JSON.stringify({ program: 'hashsim', files: { 'a.csv': 'h', 'old.csv': 'h' } });
    writeOutputs(root + '/out', new Map([['a.csv', '1'], ['old.csv', '2'], ['manifest.json', manifest]]));
    writeOutputs(root + '/out', new Map([['a.csv', '3'], ['manifest.json', '{}']]));
    expect(contentOf(join(root, 'out'))).toEqual({ 'a.csv': '3', 'manifest.json': '{}' });
  });

  test('removes the temporary files of the earlier writer (`.name.pid.tmp`) left by a killed run', () => {
    const root = tmp();
    writeFileSync(join(root, 'a.csv'), 'old');
    writeFileSync(join(root, '.a.csv.12345.tmp'), 'half');
    writeOutputs(root, new Map([['a.csv', 'new']]));
    expect(contentOf(root)).toEqual({ 'a.csv': 'new' });
  });

  test('never replaces a folder with foreign files (e.g. --out .)', () => {
    const root = tmp();
    writeFileSync(join(root, 'package.json'), '{}');
    expect(() => writeOutputs(root, new Map([['a.csv', 'x']]))).toThrow(/holds "package.json"/);
    expect(existsSync(join(root, 'a.csv'))).toBe(false);
  });
});
