/**
 * The charts committed under results/<name>/charts/ are those of the committed outputs: every spec byte for byte
 * (all folders), every SVG byte for byte (china-2021; an SVG is a fixed function of its spec and the pinned vega).
 * PNGs are only checked to be there: rasterised text depends on the fonts installed on the machine, so their
 * bytes are not pinned. Regenerate with `npm run results` (or `npx hashsim report results/<name>`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartsOf, compileSpec, readResults, renderSvg, specText } from '../../../src/report/charts/index.ts';

const folders = readdirSync('results').filter((d) => existsSync(join('results', d, 'manifest.json'))).sort();

describe('results/*/charts/ are the charts of the committed outputs', () => {
  for (const dir of folders) {
    test(`results/${dir}: the specs, and an SVG and a PNG for each`, () => {
      const charts = chartsOf(readResults(join('results', dir)));
      const files = readdirSync(join('results', dir, 'charts')).sort();
      expect(files).toEqual(charts.flatMap((c) => [`${c.name}.png`, `${c.name}.svg`, `${c.name}.vl.json`]).sort());
      for (const c of charts) expect(readFileSync(join('results', dir, 'charts', `${c.name}.vl.json`), 'utf8'), c.name).toBe(specText(c.spec));
    });
  }

  test('results/china-2021: every SVG byte for byte', async () => {
    for (const c of chartsOf(readResults('results/china-2021'))) {
      expect(readFileSync(join('results/china-2021/charts', `${c.name}.svg`), 'utf8'), c.name).toBe(await renderSvg(compileSpec(c.spec)));
    }
  });
});
