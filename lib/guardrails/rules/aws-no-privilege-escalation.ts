import { permissionAllows } from '../aws-policies';
import { expandAction } from '../iam-actions';
import type { RawFinding, Rule } from '../rule';

/** Actions that let a principal grant itself (or a new principal) more access, on any resource. */
const ESCALATING = [/^iam:Create/i, /^iam:Put\w*Policy$/i, /^iam:Attach\w*Policy$/i, /^iam:SetDefaultPolicyVersion$/i, /^iam:UpdateAssumeRolePolicy$/i, /^iam:UpdateLoginProfile$/i, /^iam:AddUserToGroup$/i, /^iam:(Put|Delete)\w*PermissionsBoundary$/i];
/** Actions that escalate when allowed on every resource. */
const ESCALATING_ON_ANY = [/^iam:PassRole$/i, /^sts:AssumeRole$/i];

const matchesAny = (patterns: readonly RegExp[], action: string) => patterns.some((re) => re.test(action));

const escalations = new Map<string, readonly string[]>();

/** The escalating actions a pattern allows (on any resource when `onAny`); cached per pattern. */
function escalatingActions(pattern: string, onAny: boolean): readonly string[] {
  const key = `${onAny} ${pattern}`;
  let found = escalations.get(key);
  if (!found) {
    const actions = pattern === '*' ? ['iam:*', 'sts:AssumeRole'].flatMap(expandAction) : expandAction(pattern);
    found = actions.filter((a) => matchesAny(ESCALATING, a) || (onAny && matchesAny(ESCALATING_ON_ANY, a)));
    escalations.set(key, found);
  }
  return found;
}

export const awsNoPrivilegeEscalation: Rule = {
  id: 'WI-AWS-004',
  level: 'error',
  cloud: 'aws',
  statement: 'No policy allows privilege escalation: no iam:Create*, iam:Put*Policy, iam:Attach*Policy and the like, no iam:PassRole or sts:AssumeRole on "*".',
  why: 'A workload that can write IAM policies, create principals, pass any role or assume any role can give itself any permission: its least privilege is then only nominal.',
  fix: 'Remove the IAM-writing actions; name the exact role ARNs for iam:PassRole and sts:AssumeRole (with an iam:PassedToService condition for PassRole).',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statement } of permissionAllows(ctx)) {
      const onAny = statement.resources.includes('*') || statement.notResources.length > 0;
      const patterns = statement.notActions.length ? ['*'] : statement.actions;
      for (const pattern of patterns) {
        const escalating = escalatingActions(pattern, onAny);
        if (escalating.length) {
          const shown = escalating.length > 5 ? `${escalating.slice(0, 5).join(', ')} and ${escalating.length - 5} more` : escalating.join(', ');
          findings.push({ resource, detail: `Action::${pattern}`, message: `${pattern} allows privilege escalation (${shown}${onAny ? ' on every resource' : ''})` });
        }
      }
    }
    return findings;
  },
};
