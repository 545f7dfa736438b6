import { actionGrants, byWrittenPattern, shortList } from '../aws-grants';
import type { ActionGrant } from '../aws-grants';
import { ACCOUNT_WEAKENING, CREDENTIAL_ACTIONS, TAKEOVER_ACTIONS } from '../aws-risk-catalog';
import { actionData } from '../../catalogs/aws-iam-actions';
import { PARLIAMENT_PERMISSIONS_MANAGEMENT } from '../peer-permissions-management';
import type { RawFinding, Rule } from '../rule';
import { isIamEscalating } from './aws-no-privilege-escalation';

/**
 * Whether an action exposes a resource or weakens the account: iam-data's "Permissions
 * management" access level (what cloudsplaining calls resource exposure: resource policies,
 * grants, ACLs, sharing), parliament's permissions-management list, and the account-weakening
 * table; not the actions WI-AWS-004 or WI-AWS-011 already judge.
 */
export function isExposing(action: string): boolean {
  if (isIamEscalating(action) || TAKEOVER_ACTIONS.has(action) || CREDENTIAL_ACTIONS.has(action)) return false;
  return ACCOUNT_WEAKENING.has(action) || PARLIAMENT_PERMISSIONS_MANAGEMENT.has(action) || !!actionData(action)?.accessLevel.includes('Permissions management');
}

export const awsNoResourceExposure: Rule = {
  id: 'WI-AWS-010',
  level: 'error',
  cloud: 'aws',
  statement:
    'No policy lets a workload rewrite who may access a resource or weaken the account, on any resource: no resource-policy, grant, ACL or sharing write ' +
    '(s3:PutBucketPolicy, kms:PutKeyPolicy, kms:CreateGrant, lambda:AddPermission, snapshot attributes...), no account-wide public access, encryption, password-policy or organization change.',
  why:
    'A workload that can edit a resource policy or share a snapshot can hand the data to anyone, including the public, in one call; account settings protect every resource at once ' +
    '(cloudsplaining: resource exposure, high; parliament: permissions management).',
  fix: 'Remove the action: resource policies and account settings belong to the infrastructure that owns them, not to a workload identity. If a workload truly manages one, suppress with the reason.',
  check(ctx) {
    const findings: RawFinding[] = [];
    const exposing = actionGrants(ctx).filter((g: ActionGrant) => isExposing(g.action) && g.patterns.length > 0);
    for (const { first, grants, detail } of byWrittenPattern(exposing)) {
      findings.push({ resource: first.resource, detail, message: `${first.written} allows ${shortList(grants.map((g) => g.action))}, which expose resources or weaken the account` });
    }
    return findings;
  },
};
