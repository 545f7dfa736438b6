import type { RawFinding, Rule } from '../rule';

export const awsPermissionsBoundary: Rule = {
  id: 'WI-AWS-005',
  level: 'error',
  cloud: 'aws',
  statement: "In an environment that configures a permissions boundary, every role has exactly that boundary.",
  why: "The boundary is the account owner's ceiling on what any workload role can do, whatever its own policies say; a role without it escapes that ceiling.",
  fix: 'Set permissions_boundary to the environment\'s aws.permissionsBoundaryArn (roles made from the config get it automatically).',
  check(ctx) {
    const boundary = ctx.env.aws?.permissionsBoundaryArn;
    if (!boundary) return [];
    const findings: RawFinding[] = [];
    for (const resource of ctx.index.ofType('aws_iam_role')) {
      const actual = resource.config.permissions_boundary;
      if (actual !== boundary) {
        findings.push({ resource, message: actual ? `has boundary ${String(actual)}, not the environment's ${boundary}` : `has no permissions boundary (the environment's is ${boundary})` });
      }
    }
    return findings;
  },
};
