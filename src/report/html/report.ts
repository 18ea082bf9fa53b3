/**
 * report.html: one self-contained page per results folder that opens offline from the file system. It shows the
 * scenario's name and hash, the seed(s), the program version, the summary table `run` prints, every chart
 * (compiled and drawn in the page by the vega-lite and vega bundles inlined in it, with tooltips), and the event
 * log as a table. Nothing is fetched: the data are inside the specs, the libraries inside script elements. The
 * page needs no image drawn in Node, so `run` writes it at once.
 */
import { readFileSync } from 'node:fs';
import type { Chart } from '../charts/chart.ts';
import type { ResultsFolder } from '../charts/resultsFolder.ts';
import { vegaBundlePath, vegaLiteBundlePath } from '../charts/vegaRuntime.ts';
import { escapeHtml, scriptCode, scriptJson } from './escape.ts';
import { eventsTableHtml } from './eventsTable.ts';
import { summaryCells } from './summaryFromFiles.ts';
import { extraTables } from './extraTables.ts';

/** Folder name of a path: `results/china-2021` -> `china-2021`. */
function baseName(dir: string): string {
  return dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? dir;
}

/** The key-value table of what produced the results. */
function identityHtml(folder: ResultsFolder): string {
  const m = folder.manifest ?? {};
  const rows: [string, string][] = [];
  const add = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') rows.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  add('scenario', m.scenario);
  add('scenario file', m.scenarioFile);
  add('scenario hash (sha256)', m.scenarioHash);
  add('seed', m.seed);
  add('seeds', Array.isArray(m.seeds) ? m.seeds.join(', ') : typeof m.seeds === 'string' ? `listed in ${m.seeds}` : undefined);
  add('command', typeof m.command === 'string' && m.command !== 'run' ? m.command : undefined);
  add('master seed', m.masterSeed);
  add('runs', m.runs);
  add('program version', m.version === undefined ? undefined : `${m.program ?? 'hashsim'} ${m.version}`);
  add('months', m.months ? `${m.months.start} to ${m.months.end}` : undefined);
  if (m.draws && typeof m.draws === 'object' && Object.keys(m.draws).length > 0) add('drawn values', m.draws);
  for (const key of ['a', 'b'] as const) {
    const side = m[key] as { dir?: string; scenario?: string; scenarioHash?: string; seed?: number } | undefined;
    if (side) add(`results ${key.toUpperCase()}`, `${side.dir ?? ''} (${side.scenario ?? '?'}, seed ${side.seed ?? '?'}, hash ${side.scenarioHash ?? '?'})`);
  }
  if (rows.length === 0) return '<p>No manifest.json in this folder.</p>';
  return `<table class="identity">\n${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}\n</table>`;
}

function summaryHtml(folder: ResultsFolder): string {
  const cells = summaryCells(folder);
  if (!cells) return '';
  const head = `<thead><tr>${cells.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = cells.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td class="num">${escapeHtml(c)}</td>`)).join('')}</tr>`);
  return [
    '<h2 id="summary">Summary</h2>',
    '<p>Share of hashing hashrate by country at the first month, the month before the first ban takes effect, the trough of network hashrate after it, and the last month (the table <code>hashsim run</code> prints).</p>',
    `<table class="summary">${head}<tbody>\n${body.join('\n')}\n</tbody></table>`,
  ].join('\n');
}

function chartHtml(chart: Chart): string {
  const { name, title } = chart;
  const files = ['vl.json', 'svg', 'png'].map((ext) => `<a href="charts/${escapeHtml(name)}.${ext}">${ext}</a>`).join(' ');
  return [
    `<figure class="chart-figure" id="figure-${escapeHtml(name)}">`,
    `<div class="chart" id="chart-${escapeHtml(name)}" data-chart="${escapeHtml(name)}" data-series="${chart.series.length}" data-series-kind="${chart.seriesKind ?? 'legend'}"></div>`,
    `<noscript><img src="charts/${escapeHtml(name)}.svg" alt="${escapeHtml(title)}"></noscript>`,
    `<figcaption>${escapeHtml(title)}. Files: ${files}</figcaption>`,
    '</figure>',
  ].join('\n');
}

const STYLE = `
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; margin: 2em auto; max-width: 1000px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.identity th { background: #f5f5f5; }
figure { margin: 1.5em 0; } figcaption { font-size: 0.85em; color: #555; }
nav a { margin-right: 1em; }
`;

/** The script that draws each chart with vega once the page has loaded; failures go to the console. */
const DRAW = `
(function () {
  var specs = JSON.parse(document.getElementById('hashsim-specs').textContent);
  window.hashsimViews = {};
  Promise.all(specs.map(function (s) {
    var el = document.getElementById('chart-' + s.name);
    try {
      var compiled = vegaLite.compile(s.spec).spec;
      var view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: el, hover: true });
      window.hashsimViews[s.name] = view;
      return view.runAsync().then(function () { el.setAttribute('data-rendered', 'true'); },
        function (e) { el.setAttribute('data-rendered', 'error'); console.error('chart ' + s.name + ': ' + e); });
    } catch (e) {
      el.setAttribute('data-rendered', 'error');
      console.error('chart ' + s.name + ': ' + e);
      return Promise.resolve();
    }
  })).then(function () { document.body.setAttribute('data-charts-done', 'true'); });
})();
`;

let libraries: string | undefined;

/**
 * The page's HTML for a folder and its rendered charts.
 * @example reportHtml(readResults('results/china-2021'), chartsOf(folder)).startsWith('<!DOCTYPE html>') // true
 */
export function reportHtml(folder: ResultsFolder, charts: readonly Chart[]): string {
  libraries ??= [vegaBundlePath(), vegaLiteBundlePath()].map((path) => `<script>${scriptCode(readFileSync(path, 'utf8'))}</script>`).join('\n');
  const name = folder.manifest?.scenario ?? (typeof folder.manifest?.comparison === 'string' ? folder.manifest.comparison : baseName(folder.dir));
  const sections = new Map<string, Chart[]>();
  for (const chart of charts) {
    const s = chart.section ?? 'Run';
    const list = sections.get(s);
    if (list) list.push(chart);
    else sections.set(s, [chart]);
  }
  const chartSections = [...sections].map(([section, list]) => [
    `<h2 id="charts-${escapeHtml(section.toLowerCase())}">Charts: ${escapeHtml(section.toLowerCase())}</h2>`,
    ...list.map(chartHtml),
  ].join('\n'));
  const events = folder.events && folder.events.length > 0 ? ['<h2 id="events">Event log</h2>', eventsTableHtml(folder.events)].join('\n') : '';
  const specs = charts.map((c) => ({ name: c.name, spec: c.spec }));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>hashsim: ${escapeHtml(name)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>hashsim report: ${escapeHtml(name)}</h1>`,
    identityHtml(folder),
    summaryHtml(folder),
    extraTables(folder),
    ...chartSections,
    events,
    `<p class="footer">Rebuild this page and the charts with <code>npx hashsim report &lt;this folder&gt;</code>. Each chart's Vega-Lite spec (data included) is in <code>charts/&lt;name&gt;.vl.json</code>.</p>`,
    libraries,
    `<script type="application/json" id="hashsim-specs">${scriptJson(specs)}</script>`,
    `<script>${DRAW}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
