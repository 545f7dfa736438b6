import { GCP_CONDITION_LIMIT, awsRoleCondition, oidcCondition } from '../../lib/gcp/attribute-condition';
import { config, workload } from '../helpers/configs';
import { ofType, synthStacks } from '../helpers/synth';

const github = (i: number) => ({
  subject: `repo:acme/service-${i}:environment:prod`,
  coarse: { expression: 'assertion.repository_owner', value: i % 2 ? 'acme' : 'acme-labs' },
});

describe('attribute conditions', () => {
  it('list exactly the admitted subjects as CEL strings while they fit', () => {
    expect(oidcCondition([{ subject: 'repo:acme/app:ref:refs/heads/main' }, { subject: 'a"b' }])).toBe('assertion.sub in ["repo:acme/app:ref:refs/heads/main", "a\\"b"]');
  });

  it("admit the sources' owners when the subjects outgrow Google's limit", () => {
    const condition = oidcCondition(Array.from({ length: 200 }, (_, i) => github(i)));
    expect(condition).toBe('assertion.repository_owner in ["acme-labs", "acme"]');
  });

  it('give up where sources have no owner claim to fall back on', () => {
    expect(oidcCondition(Array.from({ length: 200 }, (_, i) => ({ subject: `spiffe://acme/workload-${i}/with/a/long/path` })))).toBeUndefined();
  });

  it('list AWS roles exactly while they fit, then admit the environment’s roles by prefix', () => {
    expect(awsRoleCondition(['payments-dev-api'], 'payments-dev-')).toBe('attribute.aws_role in ["payments-dev-api"]');
    const condition = awsRoleCondition(Array.from({ length: 200 }, (_, i) => `payments-dev-worker-${i}`), 'payments-dev-');
    expect(condition).toBe('attribute.aws_role.startsWith("payments-dev-")');
    expect(condition.length).toBeLessThanOrEqual(GCP_CONDITION_LIMIT);
  });

  it('keep a large synthesized environment within the limit on every provider', () => {
    // Long names, and only the clouds each needs, keep this synth small.
    const n = 120;
    const many =
      Array.from({ length: n }, (_, i) => workload(`ci-${i}`, `{ github: { repository: acme/service-number-${i}, environment: "{env}" } }`, [], '    clouds: [gcp]\n')).join('') +
      Array.from({ length: n }, (_, i) => workload(`function-with-a-long-name-${i}`, '{ aws: lambda }', [], '    clouds: [aws, gcp]\n')).join('') +
      Array.from({ length: n }, (_, i) => workload(`az-${i}`, '{ azure: functions }', [], '    clouds: [gcp, azure]\n')).join('');
    const providers = ofType(synthStacks(config(many))['acme-dev'], 'google_iam_workload_identity_pool_provider');
    const conditions = Object.values(providers).map((p) => p.attribute_condition as string).sort();
    expect(conditions).toEqual([
      'assertion.repository_owner in ["acme"]',
      'assertion.tid in ["00000000-0000-0000-0000-0000000000aa"]',
      'attribute.aws_role.startsWith("acme-dev-")',
    ]);
  });
});
