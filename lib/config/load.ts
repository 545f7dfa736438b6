/**
 * Loads the config file: bounded read → YAML (size after aliases, depth, non-text and
 * repeated keys checked in one pass) → JSON Schema → semantic checks →
 * normalized spec. Every problem is collected and thrown at once as a `ConfigError`.
 */
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { ConfigError, Problems } from '../spec/config-error';
import { MAX_SHOWN, listed, shown } from '../spec/echo';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { checkDerivedNames } from './check-derived-names';
import { checkGcpMonitoringQuotas } from './gcp-monitoring-quotas';
import { checkSpecLimits } from './limits';
import { checkSourceLists } from './check-source-lists';
import { checkWorkspaceVariables } from './check-workspace-variables';
import { normalize } from './normalize';
import type { RawConfig } from './raw-config';
import { PROJECT_ROOT } from '../project-root';
import { readConfigFile } from './read-config-file';
import { schemaValidator } from './schema-validator';
import type { Spec } from '../spec/types';
import { validateSemantics } from './validate';
import { yamlStructure } from './yaml-structure';

/** The config used when `IDENTITY_CONFIG` is not set. */
export const DEFAULT_CONFIG = path.join(PROJECT_ROOT, 'examples', 'identity.yaml');

export { MAX_CONFIG_BYTES } from './read-config-file';

/** Most YAML syntax errors reported: past them the file is not YAML at all. */
export const MAX_SYNTAX_ERRORS = 10;

/** Top-level fields of every config: a mapping with none of them is some other file. */
const CONFIG_FIELDS = ['app', 'environments', 'workloads'];

/** yaml's messages where they name its own API or read badly, by error code. */
const YAML_MESSAGES: Readonly<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second "---" line): keep the whole config in one document',
  DUPLICATE_KEY: 'a key is set twice in one mapping: keep one',
  TAB_AS_INDENT: 'a tab is used for indentation: indent with spaces',
  BAD_ALIAS: 'an alias (*name) refers to no anchor (&name) set before it',
};

/** Reads and loads the file named by `IDENTITY_CONFIG`, or the embedded example. */
export function loadSpecFromEnv(env: NodeJS.ProcessEnv = process.env): Spec {
  return loadSpec(env.IDENTITY_CONFIG || DEFAULT_CONFIG);
}

/** Reads (see read-config-file.ts for the bounds) and loads one config file. */
export function loadSpec(file: string): Spec {
  return parseSpec(readConfigFile(file), file);
}

/**
 * Loads a config from its YAML text; `file` names it in errors. Nothing of a file that is not
 * a config (not YAML, not a mapping, none of the config's top-level fields) is ever echoed.
 */
export function parseSpec(text: string, file = 'config'): Spec {
  const lines = new LineCounter();
  // Duplicate keys are found in one pass afterwards (yaml-structure.ts), not by yaml's quadratic check.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) {
    const syntax = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({ path: [], line: lines.linePos(e.pos[0]).line, message: `not valid YAML: ${yamlMessage(e)}` }));
    const more = doc.errors.length - syntax.length;
    throw new ConfigError(file, more > 0 ? [...syntax, { path: [], message: `and ${more} more YAML errors` }] : syntax);
  }
  const structure = yamlStructure(doc, lines);
  if (structure.fatal.length) throw new ConfigError(file, structure.fatal);
  // Aliases are bounded by yamlStructure (expanded size), so yaml's count of alias uses is off.
  const raw: unknown = doc.toJS({ maxAliasCount: -1 });
  if (!isObject(raw) || !CONFIG_FIELDS.some((f) => Object.hasOwn(raw, f))) {
    throw new ConfigError(file, [{ path: [], message: `is not an identity config: expected a YAML mapping with ${CONFIG_FIELDS.join(', ')} (got ${kindOf(raw)})` }]);
  }
  const problems = new Problems();
  try {
    const validate = schemaValidator();
    if (!validate(raw)) schemaProblems(validate.errors ?? [], raw, problems);
    validateSemantics(raw, problems);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new ConfigError(file, [{ path: [], message: 'the config is nested too deeply to check' }]);
  }
  const all = [...structure.keys, ...withLines(dedupe(problems.all), doc, lines)];
  if (all.length) throw new ConfigError(file, byLine(all));
  const spec = normalize(raw as unknown as RawConfig);
  const limits = [
    ...checkDerivedNames(spec, (p) => lineOf(doc, p, lines)),
    ...checkSourceLists(spec),
    ...checkSpecLimits(spec),
    ...checkGcpMonitoringQuotas(spec),
    ...checkWorkspaceVariables(spec),
  ];
  if (limits.length) throw new ConfigError(file, withLines(limits, doc, lines));
  return spec;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** What a non-config file holds at its top, without any of its content. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping with none of them';
  return `a single ${typeof value === 'string' ? 'text' : typeof value} value`;
}

/** One line for a yaml parse error: ours where yaml's names its API, else its first line. */
function yamlMessage(e: YAMLError): string {
  const own = YAML_MESSAGES[e.code];
  if (own) return own;
  // yaml appends " at line L, column C:" and an excerpt of the source; the line is ours to say.
  return e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').slice(0, MAX_SHOWN * 2);
}

/** What a JSON type is called in messages. */
const TYPE_NAME: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};
const typeName = (t: unknown) => (Array.isArray(t) ? t : String(t).split(',')).map((x) => TYPE_NAME[String(x)] ?? String(x)).join(' or ');

/** Reports Ajv's errors in the config's words; errors inside an `anyOf` branch give way to the `anyOf`'s one. */
function schemaProblems(errors: readonly ErrorObject[], raw: unknown, problems: Problems): void {
  const anyOf = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  // An `if` error only says which branch failed (runsOn: a list or one source): the branch's own errors say why.
  for (const e of errors) if (e.keyword !== 'if' && !anyOf.some((prefix) => e.schemaPath.startsWith(prefix))) schemaProblem(e, raw, problems);
}

function schemaProblem(e: ErrorObject, raw: unknown, problems: Problems): void {
  const at: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const value = at.reduce<unknown>((v, k) => (isObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), raw);
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as { description?: string; properties?: object; anyOf?: { type?: string }[] };
  const expected = parent.description ? `: expected ${parent.description}` : '';
  // A property name that breaks `propertyNames` is reported once, by its `propertyNames` error.
  if ((e as { propertyName?: string }).propertyName !== undefined) return;
  switch (e.keyword) {
    case 'if':
      return;
    case 'required':
      return problems.add([...at, p.missingProperty as string], 'is required');
    case 'additionalProperties': {
      const allowed = Object.keys(parent.properties ?? {});
      return problems.add([...at, p.additionalProperty as string], `unknown field${allowed.length ? ` (expected one of ${listed(allowed)})` : ''}`);
    }
    case 'enum':
      return problems.add(at, `${shown(value)} is not one of ${listed((p.allowedValues as unknown[]).map(String))}`);
    case 'const':
      return problems.add(at, `must be ${shown(p.allowedValue)}`);
    case 'pattern':
      if (value === '' && (parent as { minLength?: number }).minLength) return; // reported once, by minLength: "must not be empty"
      return problems.add(at, `${shown(value)} is not valid${expected || ` (it must match ${p.pattern})`}`);
    case 'propertyNames':
      return problems.add([...at, p.propertyName as string], 'is not a valid name: lowercase letters, digits and hyphens, starting with a letter');
    case 'type':
      return problems.add(at, `must be ${typeName(p.type)} (got ${describe(value)}${p.type === 'string' && /^(number|boolean)$/.test(typeof value) ? ': quote it in YAML' : ''})`);
    case 'anyOf':
      return problems.add(at, `must be ${[...new Set((parent.anyOf ?? []).map((b) => typeName(b.type)))].join(' or ')} (got ${describe(value)})`);
    case 'minLength':
      return problems.add(at, p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long`);
    case 'maxLength':
      return problems.add(at, `must be at most ${p.limit} characters long`);
    case 'minItems':
      return problems.add(at, `must list at least ${p.limit} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return problems.add(at, `must list at most ${p.limit} items`);
    case 'uniqueItems':
      return problems.add(at, `lists the same value twice (items ${p.j} and ${p.i})`);
    case 'minimum':
    case 'maximum':
      return problems.add(at, `${shown(value)} is ${e.keyword === 'minimum' ? 'below' : 'above'} the ${e.keyword} of ${p.limit}`);
    case 'minProperties':
    case 'maxProperties':
      // runsOn, or one source of a runsOn list (runsOn[i]).
      if (at[at.length - 1] === 'runsOn' || (typeof at[at.length - 1] === 'number' && at[at.length - 2] === 'runsOn')) {
        const keys = Object.keys(isObject(value) ? value : {});
        // The forms are the schema's own names, listed whole; the keys given are the user's, cut short.
        return problems.add(at, `set exactly one of ${Object.keys(parent.properties ?? {}).join(', ')} (got ${keys.length ? listed(keys) : 'none'})`);
      }
      return problems.add(at, e.keyword === 'minProperties' ? `must have at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}` : `must have at most ${p.limit} entries`);
    default:
      return problems.add(at, `is not valid${expected}`);
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${TYPE_NAME[typeof value] ?? typeof value} ${shown(value)}`;
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
