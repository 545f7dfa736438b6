/**
 * The config's JSON Schema validator. Compiling the schema with Ajv costs ~90 ms, a fifth of a
 * small synth, so the compiled validator is kept as Ajv standalone code in the project cache,
 * named by a hash of the schema and the Ajv options: a changed schema never meets a stale
 * validator. Without a writable cache the schema is compiled in memory.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { CACHE_DIR } from '../project-root';
import { configSchema } from './schema';

const OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

let validator: ValidateFunction | undefined;

/** The validator of `configSchema`, loaded once per process. */
export function schemaValidator(): ValidateFunction {
  validator ??= loadValidator(CACHE_DIR);
  return validator;
}

/** The validator from `cacheDir`, compiled and written there when it is missing. */
export function loadValidator(cacheDir: string): ValidateFunction {
  const { version } = require('ajv/package.json') as { version: string };
  const key = createHash('sha256').update(JSON.stringify([configSchema, OPTIONS, version])).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `config-validator-${key}.cjs`);
  if (existsSync(file)) return require(file) as ValidateFunction;
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  const compiled = ajv.compile(configSchema);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, standaloneCode(ajv, compiled));
    renameSync(temporary, file);
  } catch {
    // A read-only install: the in-memory validator serves this run.
  }
  return compiled;
}
