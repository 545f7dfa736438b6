/**
 * What each principal of a stack is allowed, action by action: every Allow statement's
 * actions expanded through iam-data (`iam:*`, `iam:Pass*`, `*:*`, NotAction), each with the
 * resource patterns of its statement that can apply to it. The risk rules read these grants,
 * so no spelling of an action or of "every resource" gets around them.
 */
import { permissionAllows } from './aws-policies';
import type { Statement } from './aws-policies';
import { actionResourceArns, actionsExcept, expandAction } from '../catalogs/aws-iam-actions';
import { namesOneResource } from './resource-reach';
import type { RuleContext } from './rule';
import type { TfResource } from './stack-index';

/** One action a statement allows, with where it came from. */
export interface ActionGrant {
  readonly resource: TfResource;
  readonly statement: Statement;
  /** The action pattern as written that allows it (`NotAction` for a NotAction statement). */
  readonly written: string;
  /** Lower-case `service:action`. */
  readonly action: string;
  /** The statement's resource patterns that can apply to the action (`*` for NotResource). */
  readonly patterns: readonly string[];
}

/** Whether a resource pattern can name a resource of one of these ARN formats (its service segment matches). */
function appliesTo(pattern: string, formats: readonly string[]): boolean {
  if (pattern === '*') return true;
  const service = pattern.split(':')[2];
  if (service === undefined) return false;
  const glob = new RegExp(`^${service.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return formats.some((f) => glob.test(f.split(':')[2] ?? ''));
}

/** The resource patterns of a statement that can apply to an action: only `*` for an action that has no resource types. */
function patternsFor(statement: Statement, action: string): string[] {
  if (statement.notResources.length) return ['*'];
  const formats = actionResourceArns(action);
  return statement.resources.filter((p) => (formats.length ? appliesTo(p, formats) : p === '*'));
}

/** Every action grant of the stack's permission policies; computed once per stack. */
export function actionGrants(ctx: RuleContext): readonly ActionGrant[] {
  return ctx.index.memo('aws-action-grants', () =>
    permissionAllows(ctx).flatMap(({ resource, statement }) => {
      const written: [string, readonly string[]][] = statement.notActions.length
        ? [['NotAction', actionsExcept(statement.notActions)]]
        : statement.actions.map((p) => [p, expandAction(p)]);
      return written.flatMap(([pattern, actions]) =>
        actions.map((a) => {
          const action = a.toLowerCase();
          return { resource, statement, written: pattern, action, patterns: patternsFor(statement, a) };
        }),
      );
    }),
  );
}

/** The patterns of a grant broader than one named resource (a wildcard, `*`, NotResource). */
export const broadPatterns = (g: ActionGrant): string[] => g.patterns.filter((p) => !namesOneResource(p));

/** Who holds a grant: its workload, or the policy resource itself for one added by hand. */
export const holderOf = (r: TfResource): string => r.workload ?? r.address;

/** A list cut short for a message. */
export function shortList(items: readonly string[], max = 5): string {
  const unique = [...new Set(items)];
  return unique.length > max ? `${unique.slice(0, max).join(', ')} and ${unique.length - max} more` : unique.join(', ');
}

/**
 * Groups findings by statement and written pattern: one finding per `Action::<pattern>` (or
 * `NotAction`) of a policy resource, listing what it allows.
 */
export function byWrittenPattern<T extends ActionGrant>(grants: readonly T[]): { first: T; grants: T[]; detail: string }[] {
  const groups = new Map<string, { first: T; grants: T[]; detail: string }>();
  for (const g of grants) {
    const detail = g.written === 'NotAction' ? 'NotAction' : `Action::${g.written}`;
    const key = `${g.resource.address}\0${detail}`;
    const group = groups.get(key) ?? { first: g, grants: [], detail };
    group.grants.push(g);
    groups.set(key, group);
  }
  return [...groups.values()];
}
