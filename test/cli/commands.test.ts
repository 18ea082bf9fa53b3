/**
 * The command list of src/cli/commands.ts (what `hashsim --help` shows without loading any command) agrees with
 * the commands' own modules, and only the command being run is loaded.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandName, commandsFor } from '../../src/cli/commands.ts';

describe('the command list', () => {
  it.each(COMMANDS.map((c) => [commandName(c), c] as const))('%s: command and description are those of its module', async (_name, c) => {
    const module = await c.load();
    expect({ command: module.command, describe: module.describe }).toEqual({ command: c.command, describe: c.describe });
    expect(typeof module.handler).toBe('function');
  });

  it('names every command once', () => {
    const names = COMMANDS.map(commandName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads only the command named by the first argument that is not an option', async () => {
    const loaded: string[] = [];
    const spy = COMMANDS.map((c) => ({ ...c, load: async () => (loaded.push(commandName(c)), c.load()) }));
    const given = await commandsFor(['--quiet', 'run', 'scenarios/small.yaml'], spy);
    expect(loaded).toEqual(['run']);
    expect(given.map((c) => c.command)).toEqual(COMMANDS.map((c) => c.command));
    expect(typeof given[0].builder).toBe('function');
    expect(given[1].builder).toEqual({});
  });

  it('loads nothing for --help or an unknown command', async () => {
    for (const args of [['--help'], [], ['frobnicate', '--x']]) {
      const loaded: string[] = [];
      const spy = COMMANDS.map((c) => ({ ...c, load: async () => (loaded.push(commandName(c)), c.load()) }));
      await commandsFor(args, spy);
      expect(loaded).toEqual([]);
    }
  });
});
