/**
 * The IAM policy documents of a stack, wherever Terraform can hold one: inline role, user and
 * group policies, managed policies, and the roles' `inline_policy` blocks; statements
 * normalized to lists.
 */
import type { RuleContext } from './rule';
import type { TfResource } from './stack-index';
import { unescapeTemplate } from '../terraform/template-escape';

/** One statement, its fields as lists (Terraform escapes removed). */
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principal: unknown;
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A policy document found on a resource. */
export interface FoundPolicy {
  readonly resource: TfResource;
  readonly statements: readonly Statement[];
}

const PERMISSION_POLICIES: readonly [string, string][] = [
  ['aws_iam_role_policy', 'policy'],
  ['aws_iam_policy', 'policy'],
  ['aws_iam_user_policy', 'policy'],
  ['aws_iam_group_policy', 'policy'],
];

const list = (v: unknown): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? unescapeTemplate(x) : String(x)));

function statementsOf(doc: unknown): Statement[] {
  const raw = (doc as { Statement?: unknown } | undefined)?.Statement;
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return all
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s) => ({
      ...(typeof s.Sid === 'string' && { sid: s.Sid }),
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow', // IAM requires Effect; a statement without one (or a misspelt one) is judged at its worst, as checkov does
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      notResources: list(s.NotResource),
      principal: s.Principal,
      condition: Object.fromEntries(
        Object.entries((s.Condition as Record<string, Record<string, unknown>> | undefined) ?? {}).map(([op, keys]) => [
          op,
          Object.fromEntries(Object.entries(keys ?? {}).map(([k, v]) => [k, list(v)])),
        ]),
      ),
    }));
}

/** Every permission policy of the stack (not trust policies). */
export function permissionPolicies(ctx: RuleContext): readonly FoundPolicy[] {
  return ctx.index.memo('aws-permission-policies', () => findPermissionPolicies(ctx));
}

function findPermissionPolicies(ctx: RuleContext): FoundPolicy[] {
  const found: FoundPolicy[] = [];
  for (const [type, attribute] of PERMISSION_POLICIES) {
    for (const resource of ctx.index.ofType(type)) found.push({ resource, statements: statementsOf(ctx.index.document(resource, attribute)) });
  }
  for (const resource of ctx.index.ofType('aws_iam_role')) {
    const inline = resource.config.inline_policy;
    for (const [i, block] of (Array.isArray(inline) ? inline : []).entries()) {
      const doc = ctx.index.document(resource, `inline_policy.${i}`, (block as { policy?: unknown }).policy);
      found.push({ resource, statements: statementsOf(doc) });
    }
  }
  return found;
}

/** The trust policy of every role. */
export function trustPolicies(ctx: RuleContext): readonly FoundPolicy[] {
  return ctx.index.memo('aws-trust-policies', () => ctx.index.ofType('aws_iam_role').map((resource) => ({ resource, statements: statementsOf(ctx.index.document(resource, 'assume_role_policy')) })));
}

/** The Allow statements (what grants) of every permission policy. */
export function permissionAllows(ctx: RuleContext): readonly { resource: TfResource; statement: Statement }[] {
  return ctx.index.memo('aws-permission-allows', () => permissionPolicies(ctx).flatMap(({ resource, statements }) => statements.filter((s) => s.effect === 'Allow').map((statement) => ({ resource, statement }))));
}
