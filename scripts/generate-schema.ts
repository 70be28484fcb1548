/**
 * Writes the model document's JSON Schema, generated from the zod schema, to
 * public/schema/. Run after changing src/model/schema.ts:
 *   npx tsx scripts/generate-schema.ts
 * A test fails while the committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_FILE, renderModelJsonSchema } from '../src/model/json-schema';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, JSON_SCHEMA_FILE);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderModelJsonSchema());
console.log(`wrote ${JSON_SCHEMA_FILE}`);
