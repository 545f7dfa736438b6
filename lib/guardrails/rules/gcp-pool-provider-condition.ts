import type { RawFinding, Rule } from '../rule';

export const gcpPoolProviderCondition: Rule = {
  id: 'WI-GCP-004',
  level: 'error',
  cloud: 'gcp',
  statement: 'Every workload identity pool provider has an attribute_condition that admits only known subjects.',
  why: 'Without a condition, every token the issuer signs (any GitHub repository, any role of the AWS account) can enter the pool.',
  fix: 'Set attribute_condition to admit exactly the subjects (or AWS roles) of the workloads that use the provider.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const resource of ctx.index.ofType('google_iam_workload_identity_pool_provider')) {
      const condition = resource.config.attribute_condition;
      if (typeof condition !== 'string' || !condition.trim() || condition.trim() === 'true') {
        findings.push({ resource, message: `the provider has no restricting attribute_condition (${JSON.stringify(condition ?? null)})` });
      }
    }
    return findings;
  },
};
