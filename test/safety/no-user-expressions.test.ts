/**
 * No user string may become a Terraform expression or a cdktf token. Property tests put hostile
 * strings (Terraform templates and directives, cdktf's own token syntax as written by cdktf's
 * encoder, number-token doubles as text, IAM policy variables, unicode) into every string field
 * of two example configs, one at a time, and into the fields the schema leaves open of a config
 * holding every field (every-field.yaml), as many at once as still load, through the whole synth
 * (`synthesize`: guardrails, staging, commit). Each config either fails to load with a
 * ConfigError, or synthesizes stacks that live-expressions.ts finds inert: every `${...}` a
 * reference the stack declares, no live `%{`, and no string holding other interpolations than the
 * base config's at the same place. IAM policy variables of the config appear escaped
 * (`$${aws:username}`) and nowhere live. A synth the guardrails fail leaves nothing deployable;
 * one they pass leaves exactly the stacks they checked. FC_SEED=<n> reruns with another seed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { RULES } from '../../lib/guardrails/rules/pack';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import type { Spec } from '../../lib/spec/types';
import { synthesize } from '../../stacks/synth';
import type { EnvironmentStack } from '../../stacks/environment-stack';
import type { SynthOutcome } from '../../stacks/synth';
import { example, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';
import { EVERY_FIELD, PLACEMENTS, freeTextSites, placed, setSite } from './every-field';
import type { Placement, Site } from './every-field';
import { baselineOf, checkStacks, expectInert, expectSameInterpolations, hostile, pathsOf, slipping } from './live-expressions';

const SEED = Number(process.env.FC_SEED ?? 16);

type Doc = Record<string, unknown>;

/** Bases with an extraAccess statement holding IAM policy variables, so they reach a policy. */
const BASES: Record<string, Doc> = {
  'aws-only': (() => {
    const doc = parse(example('aws-only.yaml')) as { workloads: Record<string, Doc> };
    doc.workloads.batch.extraAccess = {
      aws: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-home-{env}/${aws:username}/*', Condition: { StringLike: { 's3:prefix': ['${aws:PrincipalTag/team}/${*}'] } } }],
    };
    doc.workloads.partner = { description: 'Partner batch', owner: 'team-partner', runsOn: { oidc: { issuer: 'https://idp.example.com', subject: 'partner-batch', audience: 'sts.amazonaws.com' } }, access: [{ resource: 'statements', allow: ['read'] }] };
    return doc as Doc;
  })(),
  identity: parse(example('identity.yaml')) as Doc,
};

/** Every string value in a document, as a path. */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function withValue(doc: Doc, at: (string | number)[], value: string): string {
  const copy = structuredClone(doc);
  const parent = at.slice(0, -1).reduce<Record<string | number, unknown>>((v, k) => v[k] as Record<string | number, unknown>, copy);
  parent[at[at.length - 1]] = value;
  return stringify(copy);
}

/** Fields where IAM policy variables may stand get a third of the samples: the reported attack came through one. */
const inIamStatement = (p: readonly (string | number)[]) => p.includes('extraAccess');

/**
 * Synthesizes as `cdktf synth` does (guardrails, staging, commit into a fresh output directory)
 * and reads back what `cdktf deploy` would find: the stacks manifest.json lists, or none.
 * `synthesized` is every stack's JSON as the pipeline made it, whether or not it was kept.
 */
function synthesizeToDisk(spec: Spec): { outcome: SynthOutcome; synthesized: Record<string, StackJson>; deployable?: Record<string, StackJson> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-expressions-'));
  const synthesized: Record<string, StackJson> = {};
  const capture = (stacks: readonly EnvironmentStack[]) => {
    for (const stack of stacks) {
      const toTerraform = stack.toTerraform.bind(stack);
      stack.toTerraform = () => {
        const json = toTerraform();
        synthesized[stack.node.id] = json as StackJson;
        return json;
      };
    }
  };
  try {
    const outcome = synthesize(spec, { outdir, extend: capture });
    const manifest = path.join(outdir, 'manifest.json');
    if (!fs.existsSync(manifest)) return { outcome, synthesized };
    const listed = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> }).stacks;
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8')) as StackJson;
    return { outcome, synthesized, deployable: Object.fromEntries(Object.entries(listed).map(([name, s]) => [name, read(s.synthesizedStackPath)])) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Applies the edits one by one to a copy of `doc`, each kept only if the config still loads: one config with every accepted hostile string. */
function loadableWith(doc: unknown, edits: readonly (readonly [Site, string, Placement])[]): { spec: Spec; kept: number } {
  let current = structuredClone(doc);
  let spec = parseSpec(stringify(current), 'test.yaml');
  let kept = 0;
  for (const [site, value, placement] of edits) {
    const next = structuredClone(current);
    if (!setSite(next, site, placed(value, placement))) continue;
    try {
      spec = parseSpec(stringify(next), 'test.yaml');
    } catch (err) {
      if (err instanceof ConfigError) continue;
      throw err;
    }
    current = next;
    kept++;
  }
  return { spec, kept };
}

const baseline = Object.fromEntries(
  Object.entries(BASES).map(([name, doc]) => {
    const stacks = synthStacks(stringify(doc));
    return [name, { interpolations: checkStacks(stacks), paths: pathsOf(stacks) }];
  }),
);

describe('no user string becomes a Terraform expression or a cdktf token', () => {
  it('cdktf token syntax in an IAM statement is refused with its path (the reported attack)', () => {
    const doc = structuredClone(BASES['aws-only']) as { workloads: Record<string, { extraAccess: { aws: Doc[] } }> };
    doc.workloads.batch.extraAccess.aws[0].Resource = '${TfToken[TOKEN.5]}/*';
    expect(() => parseSpec(stringify(doc), 'test.yaml')).toThrow(/workloads\.batch\.extraAccess\.aws\[0\]\.Resource: .*cdktf token syntax/);
  });

  it('IAM policy variables reach the policy escaped, never live', () => {
    const policies = Object.values(synthStacks(stringify(BASES['aws-only']))).map((s) => String(s.resource?.aws_iam_role_policy?.batch?.policy));
    for (const policy of policies) {
      expect(policy).toContain('/$${aws:username}/*');
      expect(policy).toContain('$${aws:PrincipalTag/team}/$${*}');
    }
  });

  it.each(Object.keys(BASES))('hostile strings in every string field of %s: refused, or inert (property, 60 runs)', (name) => {
    const doc = BASES[name];
    const fields = stringPaths(doc);
    const iamFields = fields.filter(inIamStatement);
    const field = iamFields.length ? fc.oneof({ arbitrary: fc.constantFrom(...iamFields), weight: 1 }, { arbitrary: fc.constantFrom(...fields), weight: 2 }) : fc.constantFrom(...fields);
    let synthesized = 0;
    fc.assert(
      fc.property(field, hostile, (field, value) => {
        let stacks: Record<string, StackJson>;
        try {
          stacks = synthStacks(parseSpec(withValue(doc, field, value), 'test.yaml'));
        } catch (err) {
          if (err instanceof ConfigError) return;
          throw err;
        }
        synthesized++;
        const { interpolations, paths } = baseline[name];
        const present = new Set([...pathsOf(stacks)].filter((p) => paths.has(p)));
        expectSameInterpolations(checkStacks(stacks), interpolations, present);
      }),
      { numRuns: 60, seed: 16 },
    );
    expect(synthesized).toBeGreaterThan(0);
  });

  it('hostile strings at every value and key of every field, as many as still load, through the whole synth: the guardrails run, and what is deployable is inert (property, 1 run)', () => {
    const base = synthesizeToDisk(parseSpec(stringify(EVERY_FIELD), 'test.yaml'));
    expect(base.outcome.failed).toBe(false);
    expect(base.deployable).toEqual(base.synthesized);
    const everyField = baselineOf(base.synthesized);
    // The fields the schema leaves open: elsewhere the loader property (hostile-input.test.ts) shows a pattern refuses them.
    const open = freeTextSites(EVERY_FIELD);
    let kept = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...open), fc.oneof({ arbitrary: slipping, weight: 3 }, { arbitrary: hostile, weight: 1 }), fc.constantFrom(...PLACEMENTS)), { minLength: 60, maxLength: 60 }), (edits) => {
        const loaded = loadableWith(EVERY_FIELD, edits);
        kept += loaded.kept;
        const { outcome, synthesized, deployable } = synthesizeToDisk(loaded.spec);
        expect(outcome.result.rules).toEqual(RULES);
        expect(outcome.result.stacks.length).toBeGreaterThan(0);
        expect(Object.keys(synthesized).sort()).toEqual(outcome.result.stacks.map((s) => s.name).sort());
        expectInert(synthesized, everyField);
        if (outcome.failed) {
          // Refused by the guardrails, which say why; nothing is left for cdktf deploy.
          expect(outcome.result.findings.some((f) => f.level === 'error') || outcome.result.unusedSuppressions.length > 0).toBe(true);
          expect(deployable).toBeUndefined();
        } else {
          // What cdktf deploy finds is what the guardrails checked.
          expect(deployable).toEqual(synthesized);
        }
      }),
      // endOnFailure: shrinking would synthesize hundreds of configs; the first counterexample names its edits.
      { numRuns: 1, seed: SEED, endOnFailure: true },
    );
    expect(kept).toBeGreaterThan(3);
  });

  it('the checker sees a resolved token: a stack with a user string turned into a reference fails it', () => {
    const stacks = synthStacks(stringify(BASES['aws-only']));
    const stack = Object.values(stacks)[0];
    const policy = stack.resource?.aws_iam_role_policy?.batch as { policy: string };
    const tampered = { ...stack, resource: { ...stack.resource, aws_iam_role_policy: { batch: { policy: policy.policy.replace('$${aws:username}', '${aws_s3_bucket.audit.arn}') } } } };
    const { interpolations, paths } = baseline['aws-only'];
    expect(() => expectSameInterpolations(checkStacks({ ...stacks, [Object.keys(stacks)[0]]: tampered }), interpolations, paths)).toThrow();
    expect(() => checkStacks({ x: { ...stack, resource: { aws_iam_role_policy: { batch: { policy: '${aws_s3_bucket.nothing.arn}' } } } } })).toThrow(/does not declare/);
  });
});
