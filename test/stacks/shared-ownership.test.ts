/**
 * One owner per shared object: the mechanism (lib/constructs/shared-ownership.ts), and both objects that use
 * it, IAM OIDC providers per (account, issuer) and GCP audit configs per (project, service), on
 * a config whose environments share an AWS account and a GCP project.
 */
import { planOidcProviders } from '../../lib/aws/oidc-providers';
import { planGcpAuditConfigs } from '../../lib/gcp/audit-configs';
import { planOwnership } from '../../lib/constructs/shared-ownership';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';

describe('planOwnership', () => {
  it('gives each object to the first environment that needs it and merges what the later ones ask', () => {
    const plans = planOwnership(
      [
        { key: 'a', env: 'dev', value: ['x'] },
        { key: 'b', env: 'stage', value: ['y'] },
        { key: 'a', env: 'stage', value: ['z'] },
        { key: 'a', env: 'dev', value: ['w'] },
      ],
      (into, next) => [...into, ...next],
    );
    expect(plans.get('a')).toEqual({ owner: 'dev', users: ['dev', 'stage'], value: ['x', 'z', 'w'] });
    expect(plans.get('b')).toEqual({ owner: 'stage', users: ['stage'], value: ['y'] });
  });
});

describe('shared account and project: one owner each', () => {
  // stage needs storage and STS; dev needs storage only: stage is the first to need STS and iamcredentials.
  const yaml = config(
    workload('batch', '{ gcp: cloud-run }', ['{ resource: bucket, allow: [read] }'], '    environments: [dev]\n') +
      workload('ci', '{ github: { repository: acme/ci, environment: "{env}" } }', ['{ resource: bucket, allow: [read] }'], '    environments: [stage]\n'),
    threeCloudEnvironment('dev').replace('acme-dev', 'acme-shared') + threeCloudEnvironment('stage').replace('acme-stage', 'acme-shared'),
  );
  const spec = parseSpec(yaml, 'shared.yaml');

  it('GCP: storage belongs to dev, the first that needs it; STS and iamcredentials to stage', () => {
    const owners = Object.fromEntries([...planGcpAuditConfigs(spec)].map(([key, o]) => [key, o.owner]));
    expect(owners).toEqual({
      'acme-shared storage.googleapis.com': 'dev',
      'acme-shared iamcredentials.googleapis.com': 'stage',
      'acme-shared sts.googleapis.com': 'stage',
    });
  });

  it('AWS: the GitHub provider of the shared account belongs to the only environment that needs it', () => {
    const plans = [...planOidcProviders(spec).values()];
    expect(plans.map((p) => [p.owner, p.issuer])).toEqual([['stage', 'https://token.actions.githubusercontent.com']]);
  });
});
