import { permissionAllows } from '../aws-policies';
import { isWildcardOnly } from '../iam-actions';
import type { RawFinding, Rule } from '../rule';

/**
 * A resource that is every resource of a service: `*`, `arn:aws:s3:::*`, `arn:aws:sqs:r:a:*`,
 * or every one of a type in an account (`arn:aws:iam::a:role/*`). `bucket/*` (every object of
 * one bucket) is not.
 */
function isAllResources(arn: string): boolean {
  if (arn === '*') return true;
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  const resource = parts.slice(5).join(':');
  return resource === '*' || (parts[4] !== '' && /^[A-Za-z-]+[/:]\*$/.test(resource));
}

export const awsNoWildcards: Rule = {
  id: 'WI-AWS-001',
  level: 'error',
  cloud: 'aws',
  statement: 'Every Allow statement names its actions and its resources: no `*` in an action, no `Resource: "*"`, no NotAction or NotResource.',
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
      for (const arn of statement.resources.filter(isAllResources)) {
        const scoped = statement.actions.filter((a) => !isWildcardOnly(a));
        if (scoped.length) {
          findings.push({ resource, detail: `Resource::${arn}`, message: `${where} allows ${scoped.join(', ')} on every resource (${arn})` });
        }
      }
    }
    return findings;
  },
};
