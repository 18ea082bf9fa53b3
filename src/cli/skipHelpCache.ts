/**
 * yargs renders the whole help text as soon as a command's handler has started, to have it ready should the
 * command fail later (`cacheHelpMessage` in yargs's command.js). hashsim's `.fail()` never prints that help, so
 * main.ts has yargs skip the rendering: about 40 ms of CPU of every `hashsim run` (cliui measuring and wrapping
 * every line). `--help` and `<command> --help` are not affected: they render the help when asked.
 */

/** The part of yargs's internal API this touches (yargs 17 and 18). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * Makes a yargs instance skip caching its help text when a command runs. Returns false (and changes nothing)
 * when this yargs has no such step.
 * @example skipHelpCache(yargs(args)) // true
 */
export function skipHelpCache(cli: object): boolean {
  const usage = (cli as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => undefined;
  return true;
}
