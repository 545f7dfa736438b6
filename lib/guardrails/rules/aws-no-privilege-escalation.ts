import { actionGrants, broadPatterns, byWrittenPattern, holderOf, shortList } from '../aws-grants';
import type { ActionGrant } from '../aws-grants';
import { ESCALATION_PATHS, IAM_ESCALATING, TAKEOVER_ACTIONS } from '../aws-risk-catalog';
import type { RawFinding, Rule } from '../rule';

/** Whether an action writes IAM in a way that escalates on any resource. */
export const isIamEscalating = (action: string): boolean => IAM_ESCALATING.some((re) => re.test(action));

/** How a grant escalates, if it does: an IAM write anywhere, or a takeover on more than one named resource. */
function escalation(g: ActionGrant): string | undefined {
  if (isIamEscalating(g.action)) return g.action;
  if (!TAKEOVER_ACTIONS.has(g.action)) return undefined;
  const broad = broadPatterns(g);
  return broad.length ? `${g.action} on ${shortList(broad, 2)}` : undefined;
}

/** The published paths a holder completes that start with one of these actions. */
function completedPaths(actions: ReadonlySet<string>, starting: readonly string[]): string[] {
  return ESCALATION_PATHS.filter((p) => starting.includes(p.actions[0]) && p.actions.every((a) => actions.has(a))).map((p) => p.id);
}

export const awsNoPrivilegeEscalation: Rule = {
  id: 'WI-AWS-004',
  level: 'error',
  cloud: 'aws',
  statement:
    'No policy allows privilege escalation: no IAM write that creates principals or credentials or changes policies, trusts or boundaries; ' +
    'no iam:PassRole, sts:AssumeRole or takeover of a running resource (function code, instance commands and sessions, stacks, builds, notebooks) on more than one named resource.',
  why:
    'A workload that can write IAM, pass or assume any role, or run its own code inside another resource that holds a role can give itself that role\'s permissions: ' +
    'its least privilege is then only nominal (Rhino Security Labs\' and pathfinding.cloud\'s published escalation paths).',
  fix: 'Remove the IAM-writing actions; name the exact role, function, instance or project ARN for iam:PassRole (with an iam:PassedToService condition), sts:AssumeRole and the takeover actions.',
  check(ctx) {
    const grants = actionGrants(ctx);
    const held = new Map<string, Set<string>>();
    for (const g of grants) {
      const key = holderOf(g.resource);
      held.set(key, (held.get(key) ?? new Set()).add(g.action));
    }
    const findings: RawFinding[] = [];
    for (const { first, grants: group, detail } of byWrittenPattern(grants)) {
      const escalating = group.map((g) => [g, escalation(g)] as const).filter((e): e is readonly [ActionGrant, string] => e[1] !== undefined);
      if (!escalating.length) continue;
      const paths = completedPaths(held.get(holderOf(first.resource)) ?? new Set(), escalating.map(([g]) => g.action));
      findings.push({
        resource: first.resource,
        detail,
        message: `${first.written} allows privilege escalation (${shortList(escalating.map(([, how]) => how))})${paths.length ? `; completes ${shortList(paths)} (pathfinding.cloud)` : ''}`,
      });
    }
    return findings;
  },
};
