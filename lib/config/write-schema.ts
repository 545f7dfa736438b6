/** Writes the config's JSON Schema next to this file, for editors (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { configSchema } from './schema';

/** Where the schema file lives; a test keeps it equal to `configSchema`. */
export const SCHEMA_FILE = path.join(__dirname, 'identity.schema.json');

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(configSchema, null, 2)}\n`);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
