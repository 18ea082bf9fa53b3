/**
 * The `hashsim` command line: registers one yargs command per file of this folder.
 * Exit codes: 0 success, 2 bad input (scenario or arguments), 1 internal error (a bug; reported in one line).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';
import { explainCommand } from './explain.ts';
import { reportCommand } from './report.ts';
import { backtestCommand } from './backtest.ts';

try {
  await yargs(hideBin(process.argv))
    .scriptName('hashsim')
    .command(runCommand)
    .command(validateCommand)
    .command(explainCommand)
    .command(reportCommand)
    .command(backtestCommand)
    .demandCommand(1, 'Name a command: run, validate, explain or report.')
    .strict()
    .fail((message, error) => {
      // Argument mistakes (unknown option, bad --seed...): one line and exit 2. Handlers report their own input errors.
      process.stderr.write(`hashsim: ${message ?? error?.message}\nRun 'hashsim --help' for usage.\n`);
      process.exit(2);
    })
    .help()
    .version()
    .parseAsync();
} catch (e) {
  process.stderr.write(`hashsim: internal error: ${e instanceof Error ? e.message : String(e)} (please report it)\n`);
  process.exit(1);
}
