/**
 * main.ts has yargs skip rendering the help text when a command runs (skipHelpCache.ts): the yargs installed
 * still has that step, the skip removes it, and help asked for is still printed in full.
 */
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { skipHelpCache } from '../../src/cli/skipHelpCache.ts';

type Usage = { hasCachedHelpMessage(): boolean };
const usageOf = (cli: object) => (cli as { getInternalMethods(): { getUsageInstance(): Usage } }).getInternalMethods().getUsageInstance();

/** A yargs like main.ts's, with one command; returns whether yargs cached its help text while running it. */
async function runCommand(skip: boolean, args: string[]): Promise<{ cached: boolean; ran: boolean; output: string }> {
  let ran = false;
  let output = '';
  const cli = yargs(args).scriptName('hashsim');
  if (skip) expect(skipHelpCache(cli)).toBe(true);
  await cli
    .command({ command: 'go <x>', describe: 'does it', builder: (y) => y.positional('x', { type: 'string' }).option('n', { type: 'number', describe: 'how many' }), handler: () => void (ran = true) })
    .strict()
    .fail(() => undefined)
    .exitProcess(false)
    .help()
    .parseAsync(args, {}, (_err, _argv, out) => void (output = out));
  return { cached: usageOf(cli).hasCachedHelpMessage(), ran, output };
}

describe('skipHelpCache', () => {
  it('yargs caches the help text when a command runs; with the skip it does not, and the command still runs', async () => {
    expect(await runCommand(false, ['go', 'a'])).toMatchObject({ cached: true, ran: true });
    expect(await runCommand(true, ['go', 'a'])).toMatchObject({ cached: false, ran: true });
  });

  it('help asked for is the same with the skip', async () => {
    for (const [args, text] of [[['--help'], 'does it'], [['go', '--help'], 'how many']] as const) {
      const plain = await runCommand(false, [...args]);
      const skipped = await runCommand(true, [...args]);
      expect(skipped.output).toContain(text);
      expect(skipped.output).toBe(plain.output);
    }
  });

  it('changes nothing on an object without yargs internals', () => {
    expect(skipHelpCache({})).toBe(false);
  });
});
