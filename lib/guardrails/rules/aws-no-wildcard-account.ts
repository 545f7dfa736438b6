import { permissionAllows } from '../aws-policies';
import type { RawFinding, Rule } from '../rule';

/** An IAM policy variable (`${aws:PrincipalAccount}`, escaped `$${...}` or not): its colons are not ARN separators. */
const POLICY_VARIABLE = /\$?\$\{[^}]*\}/g;
const WILDCARD = /[*?]/;

/**
 * The region and account segments of an ARN (`arn:partition:service:region:account-id:resource`,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html) that hold a wildcard, or
 * `region`/`account` both when the ARN stops short of them with a wildcard. An empty segment is
 * the service's own form, never a wildcard: S3 bucket and object ARNs leave both empty and IAM
 * ARNs the region ("The ARNs for some resources omit the Region, the account ID, or both", same
 * page), as does parliament (statement.py, is_valid_region / is_valid_account_id accept "").
 */
export function wildcardSegments(arn: string): ('region' | 'account')[] {
  if (!arn.startsWith('arn:')) return [];
  const parts = arn.replace(POLICY_VARIABLE, 'v').split(':');
  if (parts.length < 5) return WILDCARD.test(parts[parts.length - 1]) ? ['region', 'account'] : [];
  return (['region', 'account'] as const).filter((_, i) => WILDCARD.test(parts[3 + i]));
}

export const awsNoWildcardAccount: Rule = {
  id: 'WI-AWS-014',
  level: 'error',
  cloud: 'aws',
  statement: 'No Allow statement names a resource ARN with `*` or `?` in its region or account segment; an empty segment (S3, IAM) is the service\'s own form and passes.',
  why:
    'A wildcard account reaches the same-named resource in every AWS account, a bucket, queue or key someone else can create; a wildcard region reaches every region\'s. ' +
    'Neither is needed: {account} and {region} stand for the environment\'s values.',
  fix: 'Write the account and region, or use the {account} and {region} placeholders in the extraAccess statement.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statement } of permissionAllows(ctx)) {
      const where = statement.sid ? `statement ${statement.sid}` : 'a statement';
      for (const arn of statement.resources) {
        const segments = wildcardSegments(arn);
        if (segments.length) findings.push({ resource, detail: `Resource::${arn}`, message: `${where} allows ${arn}, a wildcard in its ${segments.join(' and ')}` });
      }
    }
    return findings;
  },
};
