/**
 * Object.prototype's member names as config keys and values (`constructor` is a valid workload
 * name; `__proto__`, `toString` as references or fields) never crash the loader or the synth:
 * plain-object lookups keyed by user text once found the prototype's members (a workload named
 * constructor, access to resource __proto__, a resource field named constructor). Sampled over
 * every mapping and string of two configs: either a ConfigError, or stacks.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { example, synthStacks } from '../helpers/synth';

const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'] as const;

type Site = { readonly at: (string | number)[]; readonly kind: 'key' | 'value' };
function sites(value: unknown, at: (string | number)[] = []): Site[] {
  if (typeof value === 'string') return [{ at, kind: 'value' }];
  if (Array.isArray(value)) return value.flatMap((v, i) => sites(v, [...at, i]));
  if (value && typeof value === 'object') return [{ at, kind: 'key' }, ...Object.entries(value).flatMap(([k, v]) => sites(v, [...at, k]))];
  return [];
}

/** Adds `name` as a key (with a copy of a sibling's value, a plausible entry) or sets it as the value at a site. */
function withName(doc: unknown, { at, kind }: Site, name: string): string {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const target = (kind === 'key' ? at : at.slice(0, -1)).reduce<Record<string | number, unknown>>((v, k) => v[k] as Record<string | number, unknown>, copy);
  if (kind === 'value') target[at[at.length - 1]] = name;
  else Object.defineProperty(target, name, { value: structuredClone(Object.values(target)[0] ?? {}), enumerable: true, writable: true, configurable: true });
  return stringify(copy);
}

describe.each(['aws-only.yaml', 'identity.yaml'])('prototype member names in %s', (file) => {
  const doc = parse(example(file)) as unknown;
  const all = sites(doc);
  it('are refused with a ConfigError or synthesize (property, 25 runs)', () => {
    let synthesized = 0;
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom(...NAMES), (site, name) => {
        try {
          synthStacks(parseSpec(withName(doc, site, name), 'test.yaml'));
          synthesized++;
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
        }
      }),
      { numRuns: 25, seed: 16 },
    );
    expect(synthesized).toBeGreaterThan(0);
  });

  it('a workload named constructor synthesizes, and its identities carry its name', () => {
    const copy = structuredClone(doc) as { workloads: object };
    Object.defineProperty(copy.workloads, 'constructor', { value: Object.values(copy.workloads)[0], enumerable: true });
    const roles = Object.values(synthStacks(parseSpec(stringify(copy), 'test.yaml'))).map((s) => s.resource?.aws_iam_role?.constructor as { tags?: Record<string, string> } | undefined);
    expect(roles.some((r) => r?.tags?.workload === 'constructor')).toBe(true);
  });
});

describe('issuers that spell a prototype member', () => {
  // An IAM OIDC provider's construct id comes from its issuer: https://constructor crashed the synth.
  it('a Terraform Enterprise host constructor and a cluster issuer https://toString synthesize their IAM OIDC providers', () => {
    const [host, cluster] = ['constructor', 'toString'];
    const doc = parse(example('aws-only.yaml')) as { workloads: Record<string, { runsOn: Record<string, Record<string, string>> }> };
    doc.workloads.infra.runsOn.terraformCloud.hostname = host;
    doc.workloads.reconciler.runsOn.kubernetes.issuer = `https://${cluster}`;
    const stacks = Object.values(synthStacks(parseSpec(stringify(doc), 'test.yaml')));
    const urls = stacks.flatMap((s) => Object.values(s.resource?.aws_iam_openid_connect_provider ?? {}).map((p) => p.url));
    expect(urls).toEqual(expect.arrayContaining([`https://${host}`, `https://${cluster}`]));
  });
});
