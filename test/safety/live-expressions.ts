/**
 * The checker of "no user string becomes a Terraform expression or a cdktf token", and the
 * hostile strings the property tests feed it (no-user-expressions.test.ts, every-field.test.ts).
 *
 * - every `${...}` Terraform would evaluate in a synthesized stack parses as references to
 *   objects the stack itself declares (a resource, a data source, a variable; Terraform's own
 *   `terraform.workspace`), function calls and literals; no `%{` directive is left unescaped;
 * - each string a base config also synthesizes (same stack, same JSON path) holds the same
 *   `${...}` as with the base config: a user string that resolved to a real reference
 *   (`${TfToken[TOKEN.5]}` became `${aws_s3_bucket.audit.arn}`) adds one.
 */
import fc from 'fast-check';
import { Token } from 'cdktf';
import type { StackJson } from '../../lib/terraform/stack-json';

/** cdktf's own tokens, as its encoder writes them (not our reading of the format), and as users could type them. */
export const CDKTF_TOKENS = [
  Token.asString({ resolve: () => 'x' }),
  Token.asList({ resolve: () => ['x'] })[0],
  String(Token.asNumber({ resolve: () => 1 })),
  Object.keys(Token.asStringMap({ resolve: () => ({}) }))[0] ?? '&{TfToken[TOKEN.1]}',
  '${TfToken[TOKEN.5]}', '#{TfToken[TOKEN.5]}', '&{TfToken[TOKEN.1]}', '-1.8881545897087498e+289', '-8109562212591383e282',
];
/** Pieces of hostile text: templates, directives, escapes, IAM policy variables, placeholders, quotes, invisible and prototype names. */
const FRAGMENTS = [
  ...CDKTF_TOKENS,
  '${var.x}', '${token}', '${aws_s3_bucket.audit.arn}', '${data.aws_caller_identity.current.account_id}', '%{ if true }', '%{endif}', '#{x}', '$${x}', '%%{x}',
  '${', '%{', '}', '${aws:username}', '${*}', '${?}', '${$}', '{env}', '{x}', '"', "'", '\\', '\n', '\u0000', '\u202e', '\u200b', 'é', '日本', '🙂', '<!--',
  '__proto__', 'constructor', 'toString', '*', 'a',
];
const anyHostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));
/**
 * A hostile string: half carry one of cdktf's tokens somewhere in hostile text; some are
 * thousands of characters long (`long`: the text repeated past any field's limit).
 */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anyHostile, weight: 4 },
  { arbitrary: fc.tuple(anyHostile, fc.constantFrom(...CDKTF_TOKENS), anyHostile).map(([a, t, b]) => `${a}${t}${b}`), weight: 4 },
  { arbitrary: anyHostile.map((s) => `${s}x`.repeat(Math.ceil(3000 / (s.length + 1)))), weight: 1 },
);

/**
 * Hostile text the loader lets through by design, to hold the synth to: quotes, escapes, braces
 * and template signs apart, pieces of cdktf's tokens apart, `{env}`, IAM policy variables (kept
 * where IAM substitutes them), comment and query syntax of the languages stacks embed (JSON, HCL,
 * KQL, CEL), prototype names. A third carry one live template or token too, which the loader must
 * refuse: if it does not, the synth property sees it.
 */
const passable = fc
  .array(
    fc.constantFrom(
      '"', "'", '`', '\\', '\\"', '}', '{', '$', '%', '#', '&', '$$', '%%', '$}', '%}', '{env}', '${aws:username}', '${*}', '${aws:PrincipalTag/team}',
      'TfToken[', 'TOKEN.5]', 'e+298', '-8.109', '\n', '\t', '*', '?', '<!--', '-->', '/*', '*/', '//', '[', ']', '(', ')', '|', ';', '==', '&&', '||', ' or ', "' or 1==1 or '",
      '__proto__', 'constructor', 'a', 'Z', '0', '-', '.', '/', ':', '@',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const LIVE = [...CDKTF_TOKENS, '${var.x}', '${aws_s3_bucket.audit.arn}', '%{ if true }x%{ endif }', '${', '%{'];
export const slipping: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: passable, weight: 2 },
  { arbitrary: fc.tuple(passable, fc.constantFrom(...LIVE), passable).map(([a, t, b]) => `${a}${t}${b}`), weight: 1 },
);

/** Every `${...}` in a string that Terraform evaluates (`$${` is an escape), and whether a `%{` directive is live. */
export function liveTemplates(s: string): { interpolations: string[]; directive: boolean } {
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

/** Throws unless every part of `expression` (at `at`) is a literal, a function call, or a reference the stack declares. */
function checkExpression(expression: string, stack: StackJson, at: string): void {
  EXPRESSION_TOKEN.lastIndex = 0;
  let consumed = 0;
  for (const [token] of expression.matchAll(EXPRESSION_TOKEN)) {
    consumed += token.length;
    if (!/^[A-Za-z_]/.test(token) || token.endsWith('(')) continue;
    const [root, a, b] = token.replace(/\[[0-9]+\]/g, '').split('.');
    const declared =
      root === 'var'
        ? !!stack.variable?.[a]
        : root === 'data'
          ? !!stack.data?.[a]?.[b]
          : // Terraform's own named value (cdktf's cross-stack remote state reads the current workspace).
            root === 'terraform'
            ? token === 'terraform.workspace'
            : // A postcondition's own object.
              root === 'self'
              ? at.includes('.lifecycle.postcondition[')
              : !!stack.resource?.[root]?.[a];
    if (!declared) throw new Error(`\${${expression}} refers to ${token}, which the stack does not declare`);
  }
  if (consumed !== expression.length) throw new Error(`\${${expression}} is not only references, calls and literals`);
}

/** Checks the stacks; returns the interpolations of each string that holds any, by stack and JSON path. */
export function checkStacks(stacks: Record<string, StackJson>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, stack] of Object.entries(stacks)) {
    for (const [at, s] of strings(stack)) {
      const { interpolations, directive } = liveTemplates(s);
      if (directive) throw new Error(`a live %{ directive at ${name}${at}: ${JSON.stringify(s).slice(0, 120)}`);
      for (const e of interpolations) checkExpression(e, stack, at);
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
export function expectSameInterpolations(found: Map<string, string[]>, base: Map<string, string[]>, present: Set<string>): void {
  for (const [at, interpolations] of found) if (present.has(at)) expect({ at, interpolations }).toEqual({ at, interpolations: base.get(at) ?? [] });
  for (const [at, interpolations] of base) if (!found.has(at) && present.has(at)) expect({ at, interpolations: [] }).toEqual({ at, interpolations });
}

/** The stack-qualified JSON paths of every string of some stacks. */
export function pathsOf(stacks: Record<string, StackJson>): Set<string> {
  return new Set(Object.entries(stacks).flatMap(([name, stack]) => strings(stack).map(([at]) => `${name}${at}`)));
}

/** What a base config synthesizes to, for `expectSameInterpolations`. */
export interface Baseline {
  readonly interpolations: Map<string, string[]>;
  readonly paths: Set<string>;
}

/** Checks `stacks` and holds them against the base config's: throws on a live user expression. */
export function expectInert(stacks: Record<string, StackJson>, baseline: Baseline): void {
  const present = new Set([...pathsOf(stacks)].filter((p) => baseline.paths.has(p)));
  expectSameInterpolations(checkStacks(stacks), baseline.interpolations, present);
}

/** The baseline of a base config's stacks. */
export function baselineOf(stacks: Record<string, StackJson>): Baseline {
  return { interpolations: checkStacks(stacks), paths: pathsOf(stacks) };
}
