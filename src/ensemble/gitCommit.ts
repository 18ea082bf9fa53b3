/**
 * The git commit of the program, for manifests: `git rev-parse HEAD` of the folder hashsim is installed in,
 * when that folder is the top of a git checkout (not, say, node_modules/hashsim inside another project) and git
 * is there; otherwise undefined.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: { commit?: string } | undefined;

/**
 * The commit hash (40 hex digits) of the program's checkout, or undefined when unknown. Computed once.
 * @example programCommit() // '1d17b118f909b8c62e6fe29f3145429055679d4c', or undefined outside a checkout
 */
export function programCommit(): string | undefined {
  if (!cached) cached = { commit: readCommit() };
  return cached.commit;
}

function readCommit(): string | undefined {
  try {
    const root = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== root) return undefined;
    const commit = git('rev-parse', 'HEAD');
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
