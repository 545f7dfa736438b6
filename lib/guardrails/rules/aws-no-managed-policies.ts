import type { RawFinding, Rule } from '../rule';

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;
const ATTACHMENTS: readonly [string, string][] = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
];

export const awsNoManagedPolicies: Rule = {
  id: 'WI-AWS-003',
  level: 'error',
  cloud: 'aws',
  statement: 'No AWS managed policy is attached to a workload identity.',
  why: 'AWS managed policies are written for every customer: they grant whole services on every resource, and AWS widens them without notice.',
  fix: 'Remove the attachment and grant the access through the config (access or extraAccess) on the exact resources.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const [type, attribute] of ATTACHMENTS) {
      for (const resource of ctx.index.ofType(type)) {
        const value = resource.config[attribute];
        for (const arn of (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && AWS_MANAGED.test(v))) {
          findings.push({ resource, detail: `PolicyArn::${arn}`, message: `attaches the AWS managed policy ${arn}` });
        }
      }
    }
    return findings;
  },
};
