/**
 * The `hashsim` command line. Commands are listed in commands.ts, one line each (to add a command, add its line
 * there); only the command being run is imported, with what it needs, so `hashsim --help` loads almost nothing.
 * Exit codes: 0 success, 2 bad input (scenario or arguments), 1 internal error (a bug; reported in one line).
 */
import { PROGRAM_VERSION } from '../report/version.ts';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS, commandName, commandsFor } from './commands.ts';
import { skipHelpCache } from './skipHelpCache.ts';

const names = COMMANDS.map(commandName);

try {
  const args = hideBin(process.argv);
  const cli = yargs(args).scriptName('hashsim');
  skipHelpCache(cli);
  for (const command of await commandsFor(args)) cli.command(command);
  await cli
    .demandCommand(1, `Name a command: ${names.slice(0, -1).join(', ')} or ${names.at(-1)}.`)
    .strict()
    .fail((message, error) => {
      // Argument mistakes (unknown option, bad --seed...): one line and exit 2. Handlers report their own input errors.
      process.stderr.write(`hashsim: ${message ?? error?.message}\nRun 'hashsim --help' for usage.\n`);
      process.exit(2);
    })
    .help()
    .version(PROGRAM_VERSION) // from package.json beside the sources; yargs's own search failed in some checkouts ('unknown')
    .parseAsync();
} catch (e) {
  process.stderr.write(`hashsim: internal error: ${e instanceof Error ? e.message : String(e)} (please report it)\n`);
  process.exit(1);
}
