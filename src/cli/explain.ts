/**
 * `hashsim explain <scenario> [--set path=value ...]`: prints the resolved scenario (after extends, remove,
 * --set and defaults) as YAML, with the origin of each value as an end-of-line comment
 * (`# scenarios/x.yaml:12`, `# --set`, `# default`).
 */
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkSets } from './optionChecks.ts';
import { explainScenario } from '../scenario/index.ts';
import { loadOrExit, setOption } from './scenarioArgs.ts';

interface ExplainArgs {
  scenario: string;
  set?: string[];
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <scenario>',
  describe: 'Print the resolved scenario with the origin of every value',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('set', setOption)
      .check(() => (checkSets(hideBin(process.argv)), true)) as never,
  handler: (argv) => {
    const resolved = loadOrExit(argv.scenario, argv.set ?? []);
    process.stdout.write(explainScenario(resolved));
  },
};
