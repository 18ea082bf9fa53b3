/**
 * The flows that differ (compare_flows.csv): EH/s moved from each origin (rows) to each destination (columns)
 * over the compared months, A minus B, as a heat map on a diverging scale centred on zero.
 */
import { frame, subtitleOf, type Chart } from './chart.ts';
import type { ResultsFolder } from './resultsFolder.ts';
import { requireColumns } from './tidyCsv.ts';

/** @example compareFlows(readResults('results/compare-x'))?.seriesKind // 'cells' */
export function compareFlows(folder: ResultsFolder): Chart | undefined {
  const t = folder.compareFlows;
  if (!t || t.rows.length === 0) return undefined;
  requireColumns(t, ['from', 'to'], ['a_ehs', 'b_ehs', 'difference']);
  const origins = [...new Set(t.rows.map((r) => String(r.from)))].sort();
  const destinations = [...new Set(t.rows.map((r) => String(r.to)))].sort();
  const extent = Math.max(...t.rows.map((r) => Math.abs(Number(r.difference))));
  const encoding = {
    x: { field: 'to', type: 'nominal', title: 'destination region', sort: destinations, axis: { labelAngle: -40, orient: 'top' } },
    y: { field: 'from', type: 'nominal', title: 'origin region', sort: origins },
  };
  const title = 'Flows that differ: EH/s moved from each origin to each destination, A minus B';
  return {
    name: 'compare-flows',
    title,
    series: t.rows.map((r) => `${r.from} -> ${r.to}`),
    seriesKind: 'cells',
    section: 'Comparison',
    spec: {
      ...frame(title, subtitleOf(folder.manifest)),
      data: { values: t.rows.map((r) => ({ from: r.from, to: r.to, a_ehs: r.a_ehs, b_ehs: r.b_ehs, difference: r.difference })) },
      width: { step: 34 },
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'rect', tooltip: true },
          encoding: {
            ...encoding,
            color: {
              field: 'difference',
              type: 'quantitative',
              title: 'EH/s, A minus B',
              scale: { scheme: 'blueorange', domain: [-extent, extent], domainMid: 0 },
              legend: { format: '+,.1f' },
            },
            tooltip: [
              { field: 'from', type: 'nominal', title: 'origin' },
              { field: 'to', type: 'nominal', title: 'destination' },
              { field: 'a_ehs', type: 'quantitative', title: 'A (EH/s)', format: ',.2f' },
              { field: 'b_ehs', type: 'quantitative', title: 'B (EH/s)', format: ',.2f' },
              { field: 'difference', type: 'quantitative', title: 'A minus B (EH/s)', format: '+,.2f' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 9 },
          encoding: { ...encoding, text: { field: 'difference', type: 'quantitative', format: '+,.1f' } },
        },
      ],
    },
  };
}
