import { permissionAllows } from '../aws-policies';
import { isWildcardOnly } from '../../catalogs/aws-iam-actions';
import { reachesEveryResourceOf } from '../resource-reach';
import type { RawFinding, Rule } from '../rule';

export const awsNoWildcards: Rule = {
  id: 'WI-AWS-001',
  level: 'error',
  cloud: 'aws',
  statement:
    'Every Allow statement names its actions and its resources: no `*` in an action, no resource pattern that reaches every resource of its type ' +
    '(`*`, `role/*`, `role/**`, `role/?*`, `arn:aws:s3:::*/*`, as IAM matches them), no NotAction or NotResource.',
  why:
    'A wildcard grants whatever the service adds tomorrow and every resource of the account, which is the opposite of least privilege. ' +
    'Only actions that accept nothing but `*` (e.g. `sts:GetWebIdentityToken`, per the IAM service reference) may use it.',
  fix: 'List the exact actions and resource ARNs; use the access vocabulary where it covers the need, or narrow the extraAccess statement.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statement } of permissionAllows(ctx)) {
      const where = statement.sid ? `statement ${statement.sid}` : 'a statement';
      if (statement.notActions.length) findings.push({ resource, detail: 'NotAction', message: `${where} allows every action except ${statement.notActions.join(', ')}` });
      if (statement.notResources.length) findings.push({ resource, detail: 'NotResource', message: `${where} allows every resource except ${statement.notResources.join(', ')}` });
      for (const action of statement.actions.filter((a) => /[*?]/.test(a))) {
        findings.push({ resource, detail: `Action::${action}`, message: `${where} allows the wildcard action ${action}` });
      }
      const services = [...new Set(statement.actions.map((a) => a.split(':')[0]).filter((s) => s && !/[*?]/.test(s)))];
      for (const arn of statement.resources) {
        const type = reachesEveryResourceOf(arn, services);
        if (!type) continue;
        const scoped = statement.actions.filter((a) => !isWildcardOnly(a));
        if (scoped.length) {
          const of = type === '*' ? '' : ` of type ${type}`;
          findings.push({ resource, detail: `Resource::${arn}`, message: `${where} allows ${scoped.join(', ')} on every resource${of} (${arn})` });
        }
      }
    }
    return findings;
  },
};
