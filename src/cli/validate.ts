/**
 * `hashsim validate <scenario...> [--set path=value ...]`: checks each scenario (reading, extends, schema,
 * cross-checks, and compiling it with its default seed: formulas, CSV files). Prints `ok <file>` for a valid
 * file and every problem otherwise (stderr); exit code 2 if any file is invalid.
 */
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkSets } from './optionChecks.ts';
import { compileScenario, loadScenario, ScenarioError } from '../scenario/index.ts';
import { printScenarioError, setOption } from './scenarioArgs.ts';

interface ValidateArgs {
  scenario: string[];
  set?: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <scenario...>',
  describe: 'Check scenario files and print every problem (file:line:column path: expected ..., found ...)',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', array: true, demandOption: true, describe: 'scenario files (YAML or JSON)' })
      .option('set', setOption)
      .check(() => (checkSets(hideBin(process.argv)), true)) as never,
  handler: (argv) => {
    let invalid = 0;
    for (const file of argv.scenario.map(String)) {
      try {
        const resolved = loadScenario(file, { sets: (argv.set ?? []).map(String) });
        compileScenario(resolved, { seed: resolved.defaultSeed });
        process.stdout.write(`ok ${file}\n`);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e; // a bug: main.ts reports it as an internal error (exit 1)
        printScenarioError(e);
        invalid++;
      }
    }
    if (invalid > 0) process.exit(2);
  },
};
