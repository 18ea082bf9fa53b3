/** Reading a results folder's event log in tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvents, type EventRecord } from '../../../src/report/charts/resultsFolder.ts';

/** The events of a results folder. */
export function readEvents(dir: string): EventRecord[] {
  return parseEvents(readFileSync(join(dir, 'events.jsonl'), 'utf8'), join(dir, 'events.jsonl'));
}
