/**
 * Files a scenario names (itself, `extends`, CSV series) are read only if they are regular text files within a
 * size limit, and a file that is not a scenario (or not a CSV table) is refused without quoting its content.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/scenario/readFile.ts';
import { MAX_FILE_BYTES } from '../../src/scenario/load.ts';
import { MAX_CSV_BYTES } from '../../src/scenario/series.ts';
import { BASE, edit, problems, tempDir } from './helpers.ts';

const SECRET = 'hunter2-TOPSECRET';

function fifo(): string {
  const path = join(tempDir(), 'pipe');
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

function sparse(bytes: number): string {
  const path = join(tempDir(), 'big.yaml');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

const withCsv = (path: string) => edit(BASE, 'btcPriceUsd: 40000', `btcPriceUsd: {csv: "${path}", column: usd}`);

describe('special files are refused without reading them, saying which file and why', () => {
  it('readRegularFile reads a regular file and names what it found otherwise', () => {
    expect(readRegularFile('/dev/zero', 1000)).toEqual({ ok: false, found: 'a device, not a regular file', missing: false });
    expect(readRegularFile(fifo(), 1000)).toEqual({ ok: false, found: 'a named pipe, not a regular file', missing: false });
    expect(readRegularFile(tempDir(), 1000)).toEqual({ ok: false, found: 'a directory, not a regular file', missing: false });
    expect(readRegularFile(sparse(2000), 1000)).toEqual({ ok: false, found: 'a file of 2000 bytes, over the limit of 1000 bytes', missing: false });
    expect(readRegularFile('/nope/nothing', 1000)).toEqual({ ok: false, found: 'no such file', missing: true });
    expect(readRegularFile('/proc/self/environ', 1_000_000).ok).toBe(false); // claims 0 bytes, holds NUL-separated text
    expect(readRegularFile('package.json', 1_000_000).ok).toBe(true);
  });

  it('extends pointing at /dev/zero, a named pipe, a directory or a huge file', () => {
    const pipe = fifo();
    const dir = tempDir();
    const big = sparse(MAX_FILE_BYTES + 1);
    expect(problems(`extends: /dev/zero\n${BASE}`)).toEqual(['x.yaml:1:10 extends: expected a scenario file, found a device, not a regular file: /dev/zero']);
    expect(problems(`extends: ${pipe}\n${BASE}`)).toEqual([`x.yaml:1:10 extends: expected a scenario file, found a named pipe, not a regular file: ${pipe}`]);
    expect(problems(`extends: ${dir}\n${BASE}`)).toEqual([`x.yaml:1:10 extends: expected a scenario file, found a directory, not a regular file: ${dir}`]);
    expect(problems(`extends: ${big}\n${BASE}`)).toEqual([
      `x.yaml:1:10 extends: expected a scenario file, found a file of ${MAX_FILE_BYTES + 1} bytes, over the limit of ${MAX_FILE_BYTES} bytes: ${big}`,
    ]);
  });

  it('a CSV series pointing at /dev/zero, a named pipe or a directory', () => {
    const pipe = fifo();
    const dir = tempDir();
    expect(problems(withCsv('/dev/zero'))).toEqual(['x.yaml:5:22 network.btcPriceUsd.csv: expected a CSV file, found a device, not a regular file: /dev/zero']);
    expect(problems(withCsv(pipe))).toEqual([`x.yaml:5:22 network.btcPriceUsd.csv: expected a CSV file, found a named pipe, not a regular file: ${pipe}`]);
    expect(problems(withCsv(dir))).toEqual([`x.yaml:5:22 network.btcPriceUsd.csv: expected a CSV file, found a directory, not a regular file: ${dir}`]);
    expect(MAX_CSV_BYTES).toBeGreaterThan(1_000_000);
  });
});

describe('the content of a file that is not a scenario is never quoted', () => {
  const secrets: Record<string, string> = {
    'passwd': `root:x:0:0:${SECRET}:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n`,
    '.env': `API_KEY=${SECRET}\n`,
    'config.json': `{"auths": {"registry": {"auth": "${SECRET}"}}}`,
    'secrets.yaml': `password: ${SECRET}\ntoken: [${SECRET}]\n`,
    'list.yaml': `- ${SECRET}\n`,
    'bad.yaml': `key: "${SECRET} \\q"\n`,
    'tag.yaml': `key: !${SECRET} x\n`,
    'block.yaml': `key: |${SECRET}\n  x\n`,
  };

  for (const [name, content] of Object.entries(secrets)) {
    it(`extends: ${name}`, () => {
      const found = problems(`extends: ${name}\n${BASE}`, { extra: { [name]: content } });
      expect(found.length).toBeGreaterThan(0);
      expect(found.join('\n')).not.toContain(SECRET);
      expect(found.join('\n')).not.toMatch(/daemon|API_KEY|auths|password/);
    });

    it(`csv: ${name}`, () => {
      const found = problems(withCsv(name), { extra: { [name]: content } });
      expect(found.length).toBeGreaterThan(0);
      expect(found.join('\n')).not.toContain(SECRET);
      expect(found.join('\n')).not.toMatch(/daemon|API_KEY|auths|password/);
    });
  }

  it('extends: /etc/passwd says the file is not a scenario, and nothing else', () => {
    expect(problems(`extends: /etc/passwd\n${BASE}`)).toEqual(['x.yaml:1:10 extends: expected a scenario file, found a text: /etc/passwd is not a scenario']);
  });

  it('a path too long for the file system is quoted in short (found by fuzzing: 7:3077)', () => {
    const long = 't + '.repeat(200);
    const [parent] = problems(`extends: "${long}"\n${BASE}`);
    expect(parent).toMatch(/^x\.yaml:1:10 extends: expected an existing scenario file, found a name too long for the file system: .*t \+ t\.\.\.t \+ t .*\+ $/);
    expect(parent.length).toBeLessThan(250);
    const [csv] = problems(withCsv(`/${long}`));
    expect(csv.length).toBeLessThan(250);
    expect(csv).toMatch(/found a name too long for the file system: \/t \+ t .*\.\.\..* \+ $/);
  });

  it('a map without any scenario key is not a scenario', () => {
    mkdirSync(join(tempDir(), 'x'), { recursive: true });
    expect(problems(`extends: s.json\n${BASE}`, { extra: { 's.json': '{"auths": {}}' } })).toEqual([
      'x.yaml:1:10 extends: expected a scenario file, found a map without any scenario setting (start, end, network, regions, ...): s.json is not a scenario',
    ]);
  });

  it('a CSV file whose first line is not a header of column names is refused without quoting it', () => {
    expect(problems(withCsv('/etc/passwd'))).toEqual([
      'x.yaml:5:22 network.btcPriceUsd.csv: expected a CSV file whose first line names its columns (the month first), found a first line that is not a CSV header: /etc/passwd',
    ]);
  });
});

describe('documents that would take without end to read', () => {
  it('a "billion laughs" of nested aliases is refused at its size limit (each alias resolved once)', () => {
    const levels = Array.from({ length: 9 }, (_, k) => `  l${k + 1}: &l${k + 1} [${Array(10).fill(`*l${k}`).join(', ')}]`).join('\n');
    const found = problems(`${BASE}bomb:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${levels}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:\d+:\d+ \(yaml\): expected a scenario, found a document nested too deeply or too large \(over 100 levels or 200000 values\)$/);
  });

  it('a CSV header of thousands of columns is listed in short', () => {
    const wide = `month,${Array.from({ length: 5000 }, (_, k) => `c${k}`).join(',')}\n2021-01,1\n`;
    expect(problems(edit(BASE, 'btcPriceUsd: 40000', 'btcPriceUsd: {csv: w.csv, column: nope}'), { extra: { 'w.csv': wide } })).toEqual([
      'x.yaml:5:37 network.btcPriceUsd.column: expected a column of w.csv (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 4990 more), found "nope"',
    ]);
  });
});

describe('a NUL byte', () => {
  it('in a file that a scenario extends is reported in that file, where it is', () => {
    expect(problems(`extends: base.yaml\n`, { extra: { 'base.yaml': BASE.replace('end: 2021-12', 'end: 20\u000021-12') } })).toEqual([
      'base.yaml:3:8 (file): expected a scenario file of text, found a NUL byte: a binary or corrupted file, not a text file',
    ]);
  });

  it('in a CSV file is reported in the CSV file', () => {
    expect(problems(withCsv('p.csv'), { extra: { 'p.csv': 'month,usd\n2021-01,5\u0000\n' } })).toEqual([
      'p.csv:2:10 network.btcPriceUsd.column: expected a CSV file of text, found a NUL byte: a binary or corrupted file, not a text file',
    ]);
  });
});
