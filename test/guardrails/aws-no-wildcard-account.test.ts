/**
 * WI-AWS-014's reading of an ARN's region and account segments, on literal cases: the ARN format
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html) and parliament's cases
 * (tests/unit/test_resource_formatting.py: "Empty regions are allowed", "No regexes in regions",
 * "Regex not allowed in account id"; parliament accepts a lone `*`, which this rule refuses).
 */
import { wildcardSegments } from '../../lib/guardrails/rules/aws-no-wildcard-account';

describe('WI-AWS-014: wildcards in the region or account of an ARN', () => {
  it.each([
    ['arn:aws:s3:::acme-files', 'an S3 bucket: region and account empty by design'],
    ['arn:aws:s3:::acme-files/*', 'S3 objects: a wildcard in the resource only'],
    ['arn:aws:s3:::*', 'every bucket: WI-AWS-001 judges that, not this rule'],
    ['arn:aws:iam::111111111111:role/app-*', 'IAM: the region empty by design'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'an AWS managed policy: the account is "aws"'],
    ['arn:aws:sqs:us-east-1:111111111111:jobs', 'both written'],
    ['arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:jobs', 'a policy variable in the account: its colon is not a separator'],
    ['arn:aws:s3:::home/$${aws:username}/*', 'an escaped policy variable'],
    ['*', 'not an ARN: WI-AWS-001 judges it'],
  ])('%s passes (%s)', (arn) => {
    expect(wildcardSegments(arn)).toEqual([]);
  });

  it.each([
    ['arn:aws:sqs:*:*:jobs', ['region', 'account']],
    ['arn:aws:sqs:us-east-1:*:jobs', ['account']],
    ['arn:aws:kms:*:111111111111:key/k', ['region']],
    ['arn:aws:sqs:us-east-*:111111111111:jobs', ['region']],
    ['arn:aws:sqs:us-east-1:00000000123?:jobs', ['account']],
    ['arn:aws:s3:*:*:acme-files', ['region', 'account']],
    ['arn:aws:sqs:*', ['region', 'account']],
  ])('%s is flagged in its %j', (arn, segments) => {
    expect(wildcardSegments(arn)).toEqual(segments);
  });
});
