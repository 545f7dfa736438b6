/**
 * A config with every field of the schema (every-field.yaml), the places in it where a user
 * writes a string (each value, and each key: names of environments, resources, workloads,
 * condition operators and keys, and any field name), and the schema's own list of string
 * fields, so a test can prove the config leaves none out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { configSchema } from '../../lib/config/schema';

/** The every-field config, parsed. */
export const EVERY_FIELD: Readonly<Record<string, unknown>> = parse(fs.readFileSync(path.join(__dirname, 'every-field.yaml'), 'utf8')) as Record<string, unknown>;

type ConfigPath = readonly (string | number)[];
/** A string the user writes: the value at `at`, or the key that ends `at`. */
export interface Site {
  readonly at: ConfigPath;
  readonly kind: 'key' | 'value';
}

/** Every site of a document: each string value and each key. */
export function sites(value: unknown, at: ConfigPath = []): Site[] {
  if (typeof value === 'string') return [{ at, kind: 'value' }];
  if (Array.isArray(value)) return value.flatMap((v, i) => sites(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [{ at: [...at, k], kind: 'key' as const }, ...sites(v, [...at, k])]);
  return [];
}

/**
 * Sets the value at a site, or renames its key (in place, order kept; `__proto__` becomes an
 * own key), in `doc`; false where `doc` no longer has the site (an earlier edit renamed its path).
 * `value` may be made from the string there now.
 */
export function setSite(doc: unknown, { at, kind }: Site, value: string | ((now: string) => string)): boolean {
  let parent = doc as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) {
    const next = Object.hasOwn(parent, k) ? parent[k] : undefined;
    if (!next || typeof next !== 'object') return false;
    parent = next as Record<string | number, unknown>;
  }
  const last = at[at.length - 1];
  if (!Object.hasOwn(parent, last)) return false;
  const now = kind === 'value' ? parent[last] : last;
  const next = typeof value === 'string' ? value : value(String(now));
  if (kind === 'value') {
    parent[last] = next;
    return true;
  }
  const entries = Object.entries(parent);
  for (const [k] of entries) delete parent[k];
  for (const [k, v] of entries) Object.defineProperty(parent, k === String(last) ? next : k, { value: v, enumerable: true, writable: true, configurable: true });
  return true;
}

/** A copy of `doc` as YAML text, with `value` at `site`. */
export function withSite(doc: unknown, site: Site, value: string | ((now: string) => string)): string {
  const copy = structuredClone(doc);
  setSite(copy, site, value);
  return stringify(copy);
}

type Schema = Record<string, unknown>;

/**
 * The string fields of the config schema as generalized paths: `*` for a name of a map
 * (environments, resources, workloads), `[]` for a list item, `{key}` for a map's names.
 * `freeText`: only those the schema leaves open (no pattern, no enum), where the loader's own
 * checks are all that stands between a hostile string and the synth.
 */
export function schemaStringFields({ freeText = false } = {}): Set<string> {
  const out = new Set<string>();
  const walk = (s: Schema, p: string) => {
    if ((s.type === 'string' || s.enum) && !(freeText && (s.pattern || s.enum))) out.add(p);
    // A mapping the schema says nothing about (an IAM Condition's operators' contents): all of it is open.
    if (freeText && s.type === 'object' && !s.properties && !s.additionalProperties) out.add(`${p}.**`);
    for (const branch of [...((s.anyOf as Schema[]) ?? []), ...((s.allOf as Schema[]) ?? []).map((a) => a.then as Schema)]) walk(branch, p);
    // runsOn: one source (else) or a list of them (then), whose items have the same fields: both at the same path.
    if (s.if) for (const branch of [s.else as Schema, (s.then as Schema).items as Schema]) walk(branch, p);
    for (const [k, v] of Object.entries((s.properties as Record<string, Schema>) ?? {})) if (k !== '$schema') walk(v, p ? `${p}.${k}` : k);
    if (s.items) walk(s.items as Schema, `${p}[]`);
    const map = s.additionalProperties;
    if (map && typeof map === 'object') {
      if (!freeText || !(s.propertyNames as Schema | undefined)?.pattern) out.add(`${p}.{key}`);
      walk(map as Schema, `${p}.*`);
    }
  };
  walk(configSchema, '');
  return out;
}

/** Where `at` falls in the schema: a site's path generalized as `schemaStringFields` writes it. */
export function generalized({ at, kind }: Site): string {
  let out = '';
  let map = false;
  at.forEach((part, i) => {
    const isLast = i === at.length - 1;
    // A source of a runsOn list has the fields of a single runsOn (schemaStringFields).
    if (typeof part === 'number' && at[i - 1] === 'runsOn') return;
    if (typeof part === 'number') out += '[]';
    else if (map) out += isLast && kind === 'key' ? '.{key}' : '.*';
    else out += out ? `.${part}` : part;
    // The maps of the schema: the top-level sections, existing OIDC providers by issuer, and an IAM Condition (operator, then condition key).
    map =
      (i === 0 && ['environments', 'resources', 'workloads'].includes(String(part))) ||
      part === 'existingOidcProviders' ||
      part === 'Condition' ||
      (i > 0 && at[i - 1] === 'Condition');
  });
  return out;
}

/** How a hostile string is put at a site: instead of what is there, or spliced into it (where a field's pattern may still hold). */
export const PLACEMENTS = ['replace', 'prepend', 'append', 'inside'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** `hostile` placed into the string `now`. */
export function placed(hostile: string, placement: Placement): (now: string) => string {
  return (now) =>
    placement === 'replace' ? hostile : placement === 'prepend' ? hostile + now : placement === 'append' ? now + hostile : now.slice(0, now.length >> 1) + hostile + now.slice(now.length >> 1);
}

/** The sites of `doc` whose strings the schema leaves open (see `schemaStringFields`). */
export function freeTextSites(doc: unknown): Site[] {
  const open = schemaStringFields({ freeText: true });
  const opaque = [...open].filter((f) => f.endsWith('.**')).map((f) => f.slice(0, -2));
  return sites(doc).filter((s) => {
    const g = generalized(s);
    return open.has(g) || opaque.some((prefix) => g.startsWith(prefix));
  });
}
