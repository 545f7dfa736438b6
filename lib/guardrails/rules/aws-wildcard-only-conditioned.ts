import { permissionAllows } from '../aws-policies';
import { isWildcardOnly } from '../iam-actions';
import type { RawFinding, Rule } from '../rule';

export const awsWildcardOnlyConditioned: Rule = {
  id: 'WI-AWS-007',
  level: 'warning',
  cloud: 'aws',
  statement: 'An action that only accepts `Resource: "*"` is narrowed by a Condition (e.g. sts:IdentityTokenAudience for sts:GetWebIdentityToken).',
  why: 'WI-AWS-001 lets wildcard-only actions use "*", since IAM offers nothing narrower; a condition key is then the only way to bound what they reach.',
  fix: 'Add a Condition on the action\'s condition keys (see the Service Authorization Reference), or suppress with the reason none applies.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statement } of permissionAllows(ctx)) {
      if (!statement.resources.includes('*') || Object.keys(statement.condition).length) continue;
      for (const action of statement.actions.filter(isWildcardOnly)) {
        findings.push({ resource, detail: `Action::${action}`, message: `${action} is allowed on "*" with no condition` });
      }
    }
    return findings;
  },
};
