import { GCP_CONDITION_LIMIT, awsRoleCondition, subjectCondition } from '../../lib/gcp/attribute-condition';

describe('attribute conditions', () => {
  it('list exactly the admitted subjects as CEL strings', () => {
    expect(subjectCondition(['repo:acme/app:ref:refs/heads/main', 'a"b'])).toBe('assertion.sub in ["repo:acme/app:ref:refs/heads/main", "a\\"b"]');
  });

  it('list AWS roles exactly while they fit, then admit the environment’s roles by prefix', () => {
    expect(awsRoleCondition(['payments-dev-api'], 'payments-dev-')).toBe('attribute.aws_role in ["payments-dev-api"]');
    const many = Array.from({ length: 200 }, (_, i) => `payments-dev-worker-${i}`);
    const condition = awsRoleCondition(many, 'payments-dev-');
    expect(condition).toBe('attribute.aws_role.startsWith("payments-dev-")');
    expect(condition.length).toBeLessThanOrEqual(GCP_CONDITION_LIMIT);
  });
});
