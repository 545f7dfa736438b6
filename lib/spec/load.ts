/**
 * Loads the config file: YAML (duplicate keys rejected) → JSON Schema → semantic checks →
 * normalized spec. Every problem is collected and thrown at once as a `ConfigError`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError, Problems } from './config-error';
import { duplicateKeyOffsets } from './duplicate-keys';
import type { ConfigPath, ConfigProblem } from './config-error';
import { checkGcpMonitoringQuotas } from './gcp-monitoring-quotas';
import { checkSpecLimits } from './limits';
import { normalize } from './normalize';
import type { RawConfig } from './raw-config';
import { PROJECT_ROOT } from '../project-root';
import { schemaValidator } from './schema-validator';
import type { Spec } from './types';
import { validateSemantics } from './validate';

/** The config used when `IDENTITY_CONFIG` is not set. */
export const DEFAULT_CONFIG = path.join(PROJECT_ROOT, 'examples', 'identity.yaml');

/** Upper bound on the config file size: larger files are refused before parsing. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** How many nodes YAML aliases may expand to, against exponential "billion laughs" files. */
export const MAX_ALIAS_COUNT = 100;

/** Reads and loads the file named by `IDENTITY_CONFIG`, or the embedded example. */
export function loadSpecFromEnv(env: NodeJS.ProcessEnv = process.env): Spec {
  return loadSpec(env.IDENTITY_CONFIG || DEFAULT_CONFIG);
}

/** Reads and loads one config file. */
export function loadSpec(file: string): Spec {
  let text: string;
  try {
    const size = readFileSync(file).byteLength;
    if (size > MAX_CONFIG_BYTES) throw new ConfigError(file, [{ path: [], message: `the file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES}` }]);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(file, [{ path: [], message: `cannot read the file: ${(err as Error).message}` }]);
  }
  return parseSpec(text, file);
}

/** Loads a config from its YAML text; `file` names it in errors. */
export function parseSpec(text: string, file = 'config'): Spec {
  const lines = new LineCounter();
  // Duplicate keys are found in one pass afterwards (duplicate-keys.ts), not by yaml's quadratic check.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const yamlErrors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] })),
    ...duplicateKeyOffsets(doc).map((offset) => ({ offset, message: 'Map keys must be unique' })),
  ];
  if (yamlErrors.length) {
    throw new ConfigError(
      file,
      yamlErrors.map((e) => ({ path: [], line: lines.linePos(e.offset).line, message: `YAML: ${e.message}` })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // yaml throws a ReferenceError when aliases expand past the limit (a "billion laughs" file).
    throw new ConfigError(file, [{ path: [], message: `YAML: ${(err as Error).message} (aliases may expand to at most ${MAX_ALIAS_COUNT} nodes)` }]);
  }
  const problems = new Problems();
  try {
    const validate = schemaValidator();
    if (!validate(raw)) for (const e of validate.errors ?? []) schemaProblem(e, raw, problems);
    validateSemantics(raw, problems);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new ConfigError(file, [{ path: [], message: 'the config is nested too deeply to check' }]);
  }
  if (problems.all.length) throw new ConfigError(file, byLine(withLines(dedupe(problems.all), doc, lines)));
  const spec = normalize(raw as RawConfig);
  const limits = [...checkSpecLimits(spec), ...checkGcpMonitoringQuotas(spec)];
  if (limits.length) throw new ConfigError(file, withLines(limits, doc, lines));
  return spec;
}

function schemaProblem(e: ErrorObject, raw: unknown, problems: Problems): void {
  const at: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const value = at.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], raw);
  const p = e.params as Record<string, unknown>;
  const description = (e.parentSchema as { description?: string } | undefined)?.description;
  switch (e.keyword) {
    case 'if':
      return;
    case 'required':
      return problems.add([...at, p.missingProperty as string], 'is required');
    case 'additionalProperties': {
      const allowed = Object.keys(((e.parentSchema as { properties?: object }) ?? {}).properties ?? {});
      return problems.add([...at, p.additionalProperty as string], `unknown field${allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`);
    }
    case 'enum':
      return problems.add(at, `${JSON.stringify(value)} is not one of ${(p.allowedValues as string[]).join(', ')}`);
    case 'const':
      return problems.add(at, `must be ${JSON.stringify(p.allowedValue)}`);
    case 'pattern':
      return problems.add(at, `${JSON.stringify(value)} is not ${description ? `a valid ${description}` : `of the form ${p.pattern}`}`);
    case 'propertyNames':
      return problems.add([...at, p.propertyName as string], `is not a valid name: lowercase letters, digits and hyphens, starting with a letter`);
    case 'type':
      return problems.add(at, `must be ${p.type === 'object' ? 'a mapping' : p.type === 'array' ? 'a list' : `a ${p.type}`} (got ${describe(value)})`);
    case 'minProperties':
    case 'maxProperties':
      if (at[at.length - 1] === 'runsOn') {
        const keys = Object.keys((value as object) ?? {});
        return problems.add(at, `set exactly one of ${Object.keys((e.parentSchema as { properties: object }).properties).join(', ')} (got ${keys.length ? keys.join(', ') : 'none'})`);
      }
      return problems.add(at, e.message ?? 'is invalid');
    default:
      return problems.add(at, e.message ?? 'is invalid');
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function dedupe(list: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.path.join('\0')}\0${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function byLine(list: ConfigProblem[]): ConfigProblem[] {
  return list.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a.line ?? 0) - (b.line ?? 0) || i - j).map(([p]) => p);
}

function withLines(list: ConfigProblem[], doc: Document, lines: LineCounter): ConfigProblem[] {
  return list.map((p) => {
    const line = lineOf(doc, p.path, lines);
    return line ? { ...p, line } : p;
  });
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(doc: Document, path: ConfigPath, lines: LineCounter): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
