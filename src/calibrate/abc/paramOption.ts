/**
 * `--param PATH=PRIOR`: a parameter to calibrate and its prior, e.g. `behaviour.hideProbability=uniform(0.02,0.3)`
 * or `behaviour.logitScaleUsdPerTh={dist: lognormal, median: 2, sigma: 0.5}`.
 */
import type { ParameterSpec } from './parameters.ts';
import { parsePrior, PriorError, PRIOR_EXPECTED } from './parsePrior.ts';

/**
 * Reads one `--param` value. Throws `PriorError` with a message starting `--param`.
 * @example parseParamOption('behaviour.hideProbability=uniform(0.02,0.3)') // {path: 'behaviour.hideProbability', prior: {dist: 'uniform', min: 0.02, max: 0.3}}
 */
export function parseParamOption(text: string): ParameterSpec {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path)) {
    throw new PriorError(`--param: expected PATH=PRIOR (e.g. behaviour.hideProbability=uniform(0.02,0.3)), found ${JSON.stringify(text)}`);
  }
  const priorText = text.slice(eq + 1);
  if (priorText.trim() === '') throw new PriorError(`--param ${path}: expected ${PRIOR_EXPECTED}, found nothing`);
  try {
    return { path, prior: parsePrior(priorText) };
  } catch (e) {
    if (e instanceof PriorError) throw new PriorError(`--param ${path}: ${e.message}`);
    throw e;
  }
}
