import { permissionAllows } from '../aws-policies';
import { narrowingKeys } from '../condition-keys';
import { isWildcardOnly } from '../../catalogs/aws-iam-actions';
import type { RawFinding, Rule } from '../rule';

export const awsWildcardOnlyConditioned: Rule = {
  id: 'WI-AWS-007',
  level: 'warning',
  cloud: 'aws',
  statement:
    'An action that only accepts `Resource: "*"` is narrowed by a Condition on a key that applies to it (its own or its resource types\' keys in the IAM service reference, or a global key), ' +
    'under an operator that requires the key (e.g. sts:IdentityTokenAudience for sts:GetWebIdentityToken).',
  why:
    'WI-AWS-001 lets wildcard-only actions use "*", since IAM offers nothing narrower; a condition key is then the only way to bound what they reach, ' +
    'and a key the action never carries (or an IfExists test of it) bounds nothing.',
  fix: 'Add a Condition on the action\'s condition keys (see the Service Authorization Reference), or suppress with the reason none applies.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statement } of permissionAllows(ctx)) {
      if (!statement.resources.includes('*')) continue;
      for (const action of statement.actions.filter(isWildcardOnly)) {
        if (narrowingKeys(statement, action).length) continue;
        const keys = Object.values(statement.condition).flatMap((k) => Object.keys(k));
        findings.push({
          resource,
          detail: `Action::${action}`,
          message: keys.length ? `${action} is allowed on "*" under conditions that do not narrow it (${keys.join(', ')})` : `${action} is allowed on "*" with no condition`,
        });
      }
    }
    return findings;
  },
};
