/**
 * No user string may become a Terraform expression or a cdktf token. A property test puts
 * hostile strings (Terraform templates and directives, cdktf's own token syntax as written by
 * cdktf's encoder, number-token doubles as text, IAM policy variables, unicode) into every string
 * field of two configs, one at a time; each config either fails to load with a ConfigError, or
 * synthesizes stacks where
 *
 * - every `${...}` parses as references to objects the stack itself declares (a resource, a data
 *   source, a variable), and no `%{` directive is left unescaped;
 * - each string the base config also synthesizes (same stack, same JSON path) holds the same
 *   `${...}` as with the base config: a user string that resolved to a real reference
 *   (`${TfToken[TOKEN.5]}` became `${aws_s3_bucket.audit.arn}`) adds one;
 * - IAM policy variables of the config appear escaped (`$${aws:username}`) and nowhere live.
 */
import fc from 'fast-check';
import { Token } from 'cdktf';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/spec/load';
import { example, synthStacks } from '../helpers/synth';
import type { StackJson } from '../helpers/synth';

type Doc = Record<string, unknown>;

/** Bases with an extraAccess statement holding IAM policy variables, so they reach a policy. */
const BASES: Record<string, Doc> = {
  'aws-only': (() => {
    const doc = parse(example('aws-only.yaml')) as { workloads: Record<string, Doc> };
    doc.workloads.batch.extraAccess = {
      aws: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-home-{env}/${aws:username}/*', Condition: { StringLike: { 's3:prefix': ['${aws:PrincipalTag/team}/${*}'] } } }],
    };
    doc.workloads.partner = { description: 'Partner batch', owner: 'team-partner', runsOn: { oidc: { issuer: 'https://idp.example.com', subject: 'partner-batch', audience: 'sts.amazonaws.com' } }, access: [] };
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

/** cdktf's own tokens, as its encoder writes them (not our reading of the format). */
const CDKTF_TOKENS = [
  Token.asString({ resolve: () => 'x' }),
  Token.asList({ resolve: () => ['x'] })[0],
  String(Token.asNumber({ resolve: () => 1 })),
  Object.keys(Token.asStringMap({ resolve: () => ({}) }))[0] ?? '&{TfToken[TOKEN.1]}',
  '${TfToken[TOKEN.5]}', '#{TfToken[TOKEN.5]}', '-1.8881545897087498e+289', '-8109562212591383e282',
];
const FRAGMENTS = [
  ...CDKTF_TOKENS,
  '${var.x}', '${aws_s3_bucket.audit.arn}', '${data.aws_caller_identity.current.account_id}', '%{ if true }', '%{endif}', '$${x}', '%%{x}', '${', '%{', '}',
  '${aws:username}', '${*}', '${?}', '${$}', '{env}', '{x}', '"', '\\', '\n', '\u202e', '\u200b', 'é', '日本', '🙂', '<!--', 'a',
];
const anyHostile = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
/** Half the samples carry one of cdktf's tokens, somewhere in hostile text. */
const hostile = fc.oneof(anyHostile, fc.tuple(anyHostile, fc.constantFrom(...CDKTF_TOKENS), anyHostile).map(([a, t, b]) => `${a}${t}${b}`));
/** Fields where IAM policy variables may stand get a third of the samples: the reported attack came through one. */
const inIamStatement = (p: readonly (string | number)[]) => p.includes('extraAccess');

/** Every `${...}` in a string that Terraform evaluates (`$${` is an escape), and whether a `%{` directive is live. */
function liveTemplates(s: string): { interpolations: string[]; directive: boolean } {
  const interpolations: string[] = [];
  let directive = false;
  for (let i = 0; i < s.length - 1; i++) {
    if (s[i + 1] !== '{' || (s[i] !== '$' && s[i] !== '%')) continue;
    if (s[i - 1] === s[i]) {
      i++;
      continue;
    }
    if (s[i] === '%') {
      directive = true;
      continue;
    }
    let depth = 0;
    let j = i + 1;
    for (; j < s.length; j++) {
      if (s[j] === '"') {
        // A string literal inside the expression: braces there do not count.
        for (j++; j < s.length && s[j] !== '"'; j++) {
          if (s[j] === '\\') j++;
        }
      } else if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) break;
    }
    interpolations.push(s.slice(i + 2, j));
    i = j;
  }
  return { interpolations, directive };
}

/** Every string of a stack (keys included) by its JSON path. */
function strings(value: unknown, at = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push([`${at}{key}`, k]), strings(v, `${at}.${k}`, out)));
  return out;
}

/** What an interpolation may contain: references, function calls, string and number literals. */
const EXPRESSION_TOKEN = /\s+|"(?:[^"\\]|\\.)*"|[0-9]+|[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+|\[[0-9]+\])*\(?|[(),[\]]/gy;

/** Throws unless every part of `expression` is a literal, a function call, or a reference the stack declares. */
function checkExpression(expression: string, stack: StackJson): void {
  EXPRESSION_TOKEN.lastIndex = 0;
  let consumed = 0;
  for (const [token] of expression.matchAll(EXPRESSION_TOKEN)) {
    consumed += token.length;
    if (!/^[A-Za-z_]/.test(token) || token.endsWith('(')) continue;
    const [root, a, b] = token.replace(/\[[0-9]+\]/g, '').split('.');
    const declared =
      root === 'var' ? !!stack.variable?.[a] : root === 'data' ? !!stack.data?.[a]?.[b] : !!stack.resource?.[root]?.[a];
    if (!declared) throw new Error(`\${${expression}} refers to ${token}, which the stack does not declare`);
  }
  if (consumed !== expression.length) throw new Error(`\${${expression}} is not only references, calls and literals`);
}

/** Checks the stacks; returns the interpolations of each string that holds any, by stack and JSON path. */
function checkStacks(stacks: Record<string, StackJson>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, stack] of Object.entries(stacks)) {
    for (const [at, s] of strings(stack)) {
      const { interpolations, directive } = liveTemplates(s);
      if (directive) throw new Error(`a live %{ directive at ${name}${at}: ${JSON.stringify(s).slice(0, 120)}`);
      for (const e of interpolations) checkExpression(e, stack);
      if (interpolations.length) found.set(`${name}${at}`, interpolations);
    }
  }
  return found;
}

/**
 * Throws where a string the base config also synthesizes (same stack, same JSON path) holds
 * other interpolations: the user value made one. (A value that renames things moves strings to
 * other paths; those are held to the reference check alone.)
 */
function expectSameInterpolations(found: Map<string, string[]>, base: Map<string, string[]>, present: Set<string>): void {
  for (const [at, interpolations] of found) if (present.has(at)) expect({ at, interpolations }).toEqual({ at, interpolations: base.get(at) ?? [] });
  for (const [at, interpolations] of base) if (!found.has(at) && present.has(at)) expect({ at, interpolations: [] }).toEqual({ at, interpolations });
}

/** The stack-qualified JSON paths of every string of some stacks. */
function pathsOf(stacks: Record<string, StackJson>): Set<string> {
  return new Set(Object.entries(stacks).flatMap(([name, stack]) => strings(stack).map(([at]) => `${name}${at}`)));
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
