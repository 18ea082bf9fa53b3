/**
 * Writes `scenarios/schema.json` from the TypeBox schema (the single source of truth).
 * Run `npx tsx src/scenario/writeSchema.ts` after changing schema.ts; a test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchema } from './schema.ts';

/** Path of the committed JSON Schema. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));

/** The exact text of `scenarios/schema.json`. */
export function schemaText(): string {
  return `${JSON.stringify(jsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
