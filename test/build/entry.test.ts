/**
 * bin/hashsim.js chooses what to run: the bundle when it is up to date; the sources through tsx, with one line on
 * stderr, when the bundle is missing or older than a file of src/; and it never prints a stack trace. Checked in a
 * throw-away copy of the layout (bin/hashsim.js, bin/build/hashsim.mjs, src/cli/main.ts) with stand-in programs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A copy of the layout whose bundle prints "bundle <args>" and whose sources print "source <args>" (TypeScript). */
function layout(withTsx = true) {
  const root = mkdtempSync(join(tmpdir(), 'hashsim-entry-'));
  mkdirSync(join(root, 'bin', 'build'), { recursive: true });
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  copyFileSync('bin/hashsim.js', join(root, 'bin', 'hashsim.js'));
  writeFileSync(join(root, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), "const where: string = 'source';\nprocess.stdout.write(`${where} ${process.argv.slice(2).join(' ')}`);\n");
  writeBundle(root, "process.stdout.write(`bundle ${process.argv.slice(2).join(' ')}`);\n");
  if (withTsx) symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function writeBundle(root: string, code: string) {
  writeFileSync(join(root, 'bin', 'build', 'hashsim.mjs'), code);
  setAge(join(root, 'src', 'cli', 'main.ts'), 60);
  setAge(join(root, 'bin', 'build', 'hashsim.mjs'), 30);
}

/** Sets a file's times to `secondsAgo`. */
function setAge(file: string, secondsAgo: number) {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
}

function hashsim(root: string, env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.HASHSIM_SKIP_STALE_CHECK;
  const r = spawnSync(process.execPath, [join(root, 'bin', 'hashsim.js'), 'run', 'x.yaml'], { encoding: 'utf8', env: { ...clean, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOTE_STALE = "hashsim: bin/build/ is older than src/; running the sources through tsx (slower start). Run 'npm run build' to rebuild.\n";
const NOTE_MISSING = "hashsim: no build in bin/build/; running the sources through tsx (slower start). Run 'npm run build' to rebuild.\n";

describe('bin/hashsim.js', () => {
  it('runs the bundle, passing the arguments, when it is newer than every file of src/', () => {
    const root = layout();
    expect(hashsim(root)).toEqual({ code: 0, stdout: 'bundle run x.yaml', stderr: '' });
  });

  it('runs the sources through tsx, saying so in one line, when a file of src/ is newer than the bundle', () => {
    const root = layout();
    setAge(join(root, 'src', 'cli', 'main.ts'), 0);
    expect(hashsim(root)).toEqual({ code: 0, stdout: 'source run x.yaml', stderr: NOTE_STALE });
  });

  it('with HASHSIM_SKIP_STALE_CHECK=1 runs the bundle even when it is older than src/', () => {
    const root = layout();
    setAge(join(root, 'src', 'cli', 'main.ts'), 0);
    expect(hashsim(root, { HASHSIM_SKIP_STALE_CHECK: '1' })).toEqual({ code: 0, stdout: 'bundle run x.yaml', stderr: '' });
  });

  it('runs the sources when there is no bundle', () => {
    const root = layout();
    rmSync(join(root, 'bin', 'build'), { recursive: true });
    expect(hashsim(root)).toEqual({ code: 0, stdout: 'source run x.yaml', stderr: NOTE_MISSING });
  });

  it('a bundle that cannot load: one line, exit 1, no stack trace', () => {
    const root = layout();
    writeBundle(root, 'import "./chunk-gone.mjs";\n');
    const r = hashsim(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^hashsim: cannot load bin\/build\/hashsim\.mjs \(Cannot find module .*chunk-gone\.mjs.*\); run 'npm run build' \(please report it if that does not help\)\n$/);
  });

  it('no bundle and no tsx: says to run npm ci, exit 1, no stack trace', () => {
    const root = layout(false);
    rmSync(join(root, 'bin', 'build'), { recursive: true });
    expect(hashsim(root)).toEqual({ code: 1, stdout: '', stderr: `${NOTE_MISSING}hashsim: tsx is not installed either: run 'npm ci' (it also builds bin/build/)\n` });
  });
});
