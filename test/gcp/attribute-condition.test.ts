import { GCP_CONDITION_LIMIT, awsRoleCondition, oidcCondition } from '../../lib/gcp/attribute-condition';
import { config, threeCloudEnvironment, withServiceAccountQuota, workload } from '../helpers/configs';
import { ofType, synthStacks } from '../helpers/synth';

const github = (i: number, repositories = 200) => {
  const repository = `${i % 2 ? 'acme' : 'acme-labs'}/service-${i % repositories}`;
  return {
    subject: `repo:${repository}:environment:env-${i}`,
    coarse: [
      { expression: 'assertion.repository', value: repository },
      { expression: 'assertion.repository_owner', value: repository.split('/')[0] },
    ],
  };
};

describe('attribute conditions', () => {
  it('list exactly the admitted subjects as CEL strings while they fit', () => {
    expect(oidcCondition([{ subject: 'repo:acme/app:ref:refs/heads/main' }, { subject: 'a"b' }])).toBe('assertion.sub in ["repo:acme/app:ref:refs/heads/main", "a\\"b"]');
  });

  it("admit the sources' repositories when the subjects outgrow Google's limit, and their owners only when those do too", () => {
    const fewRepositories = oidcCondition(Array.from({ length: 200 }, (_, i) => github(i, 20)));
    expect(fewRepositories).toMatch(/^assertion\.repository in \["acme-labs\/service-0", "acme\/service-1", /);
    expect(fewRepositories?.length).toBeLessThanOrEqual(GCP_CONDITION_LIMIT);
    expect(oidcCondition(Array.from({ length: 200 }, (_, i) => github(i)))).toBe('assertion.repository_owner in ["acme-labs", "acme"]');
  });

  it('give up where sources have no owner claim to fall back on', () => {
    expect(oidcCondition(Array.from({ length: 200 }, (_, i) => ({ subject: `spiffe://acme/workload-${i}/with/a/long/path` })))).toBeUndefined();
  });

  it('list AWS roles exactly while they fit, then admit the environment’s roles by prefix, always of assumed-role sessions of the account', () => {
    const session = 'assertion.arn.startsWith("arn:aws:sts::111111111111:assumed-role/")';
    expect(awsRoleCondition(['payments-dev-api'], 'payments-dev-', '111111111111')).toBe(`${session} && attribute.aws_role in ["payments-dev-api"]`);
    const condition = awsRoleCondition(Array.from({ length: 200 }, (_, i) => `payments-dev-worker-${i}`), 'payments-dev-', '111111111111');
    expect(condition).toBe(`${session} && attribute.aws_role.startsWith("payments-dev-")`);
    expect(condition.length).toBeLessThanOrEqual(GCP_CONDITION_LIMIT);
  });

  it('keep a large synthesized environment within the limit on every provider', () => {
    // Long names, and only the clouds each needs, keep this synth small: each list must outgrow the
    // limit (a GitHub subject of about 110 characters, a role name of about 37, an Azure principal id of 36).
    const many =
      Array.from({ length: 45 }, (_, i) => workload(`ci-${i}`, `{ github: { repository: acme/${'service-with-a-long-repository-name-'.repeat(2)}${i}, environment: "{env}" } }`, [], '    clouds: [gcp]\n')).join('') +
      Array.from({ length: 120 }, (_, i) => workload(`function-with-a-long-name-${i}`, '{ aws: lambda }', [], '    clouds: [aws, gcp]\n')).join('') +
      Array.from({ length: 120 }, (_, i) => workload(`az-${i}`, '{ azure: functions }', [], '    clouds: [gcp, azure]\n')).join('');
    const providers = ofType(synthStacks(config(many, withServiceAccountQuota(threeCloudEnvironment(), 1000)))['acme-dev'], 'google_iam_workload_identity_pool_provider');
    const conditions = Object.values(providers).map((p) => p.attribute_condition as string).sort();
    expect(conditions).toEqual([
      'assertion.arn.startsWith("arn:aws:sts::111111111111:assumed-role/") && attribute.aws_role.startsWith("acme-dev-")',
      expect.stringMatching(/^assertion\.repository in \["acme\/service-with-a-long-repository-name-service-with-a-long-repository-name-0", /),
      'assertion.tid in ["00000000-0000-0000-0000-0000000000aa"]',
    ]);
  });
});
