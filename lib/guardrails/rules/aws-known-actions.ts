import { permissionPolicies } from '../aws-policies';
import { actionExists } from '../../catalogs/aws-iam-actions';
import type { RawFinding, Rule } from '../rule';

export const awsKnownActions: Rule = {
  id: 'WI-AWS-002',
  level: 'error',
  cloud: 'aws',
  statement: 'Every action in a policy exists in the IAM service reference.',
  why: 'A misspelt or invented action grants nothing, so the workload fails at run time, and it hides what the author meant to allow.',
  fix: 'Correct the action name (service prefix and action as in the AWS Service Authorization Reference); if AWS added it after our IAM data, suppress with that reason.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statements } of permissionPolicies(ctx)) {
      for (const statement of statements) {
        for (const action of [...statement.actions, ...statement.notActions]) {
          if (!actionExists(action)) findings.push({ resource, detail: `Action::${action}`, message: `${action} is not an AWS action` });
        }
      }
    }
    return findings;
  },
};
