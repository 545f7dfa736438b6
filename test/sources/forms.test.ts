/**
 * The runsOn forms on their own, without a synth: what each normalizes to, how each cloud
 * trusts a runtime of another, what an AWS runtime's trust needs, and which subject patterns
 * drop their owner. The end-to-end matrix is test/federation/matrix.test.ts.
 */
import { Problems } from '../../lib/spec/config-error';
import type { EnvironmentSpec } from '../../lib/spec/types';
import { awsRuntime } from '../../lib/sources/aws';
import { FEDERATED_FORMS, sourceSchema } from '../../lib/sources/forms';
import { dropsOwner } from '../../lib/sources/owner-pattern';
import { homeCloud, sourceOf, trustFor } from '../../lib/sources/runs-on';

const ENV = {
  name: 'dev',
  aws: { accountId: '111111111111', region: 'us-east-1' },
  azure: {
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    tenantId: '00000000-0000-0000-0000-0000000000aa',
    resourceGroup: 'rg',
    location: 'eastus',
    tokenAudience: 'api://AzureADTokenExchange',
    tokenIssuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0',
  },
} as unknown as EnvironmentSpec;

describe('runsOn forms', () => {
  it('lists every form in the schema, runtimes first', () => {
    expect(Object.keys(sourceSchema.properties as object)).toEqual(['aws', 'gcp', 'azure', 'kubernetes', 'eks', 'gke', 'github', 'terraformCloud', 'oidc']);
    expect((sourceSchema.properties as Record<string, { enum?: string[] }>).aws.enum).toEqual(['lambda', 'ecs-task', 'ec2']);
  });

  it('finds the cloud of a runtime and none for a federated source', () => {
    expect(homeCloud({ gcp: 'cloud-run' })).toBe('gcp');
    expect(homeCloud({ github: { repository: 'acme/app', ref: 'refs/heads/main' } })).toBeUndefined();
  });

  it('builds each federated subject from its fields, {env} expanded', () => {
    expect(sourceOf({ kubernetes: { issuer: 'https://oidc.eks.x/id/A', namespace: 'pay-{env}', serviceAccount: 'worker' } }, { env: 'dev' })).toEqual({
      type: 'oidc',
      provider: 'kubernetes',
      issuer: 'https://oidc.eks.x/id/A',
      subject: 'system:serviceaccount:pay-dev:worker',
      audience: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' },
      coarsePins: [{ expression: "assertion['kubernetes.io']['namespace']", value: 'pay-dev' }],
    });
    expect(sourceOf({ github: { repository: 'acme@1/app@2', environment: '{env}' } }, { env: 'prod' })).toMatchObject({
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:acme@1/app@2:environment:prod',
      coarsePins: [
        { expression: 'assertion.repository_id', value: '2' },
        { expression: 'assertion.repository_owner_id', value: '1' },
      ],
    });
    expect(sourceOf({ terraformCloud: { organization: 'acme', project: 'p', workspace: 'w', runPhase: 'plan', hostname: 'tfe.acme.io' } }, { env: 'dev' })).toMatchObject({
      issuer: 'https://tfe.acme.io',
      subject: 'organization:acme:project:p:workspace:w:run_phase:plan',
      audience: { aws: 'aws.workload.identity', azure: 'api://AzureADTokenExchange' },
    });
    expect(sourceOf({ oidc: { issuer: 'https://idp.example.com', subject: 'spiffe://acme/{env}', audience: 'app' } }, { env: 'dev' })).toEqual({
      type: 'oidc',
      provider: 'oidc',
      issuer: 'https://idp.example.com',
      subject: 'spiffe://acme/dev',
      audience: { aws: 'app', gcp: 'app', azure: 'app' },
    });
  });

  it('lets each cloud trust a runtime of another cloud by that runtime’s own identity', () => {
    const on = (runsOn: Parameters<typeof sourceOf>[0], target: 'aws' | 'gcp' | 'azure') => trustFor(sourceOf(runsOn, { env: 'dev' }), target, ENV);
    expect(on({ aws: 'lambda' }, 'aws')).toEqual({ kind: 'native', runtime: 'lambda' });
    expect(on({ aws: 'lambda' }, 'gcp')).toEqual({ kind: 'aws-role', accountId: '111111111111' });
    expect(on({ aws: 'lambda' }, 'azure')).toEqual({
      kind: 'oidc',
      issuer: '',
      issuerVariable: 'aws_outbound_issuer',
      subject: { cloud: 'aws', attribute: 'roleArn' },
      audience: 'api://AzureADTokenExchange',
    });
    expect(on({ gcp: 'compute' }, 'aws')).toEqual({ kind: 'oidc', issuer: 'https://accounts.google.com', subject: { cloud: 'gcp', attribute: 'uniqueId' }, audience: 'sts.amazonaws.com' });
    expect(on({ gcp: 'compute' }, 'azure')).toMatchObject({ audience: 'api://AzureADTokenExchange' });
    expect(on({ azure: 'functions' }, 'gcp')).toEqual({
      kind: 'oidc',
      issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0',
      subject: { cloud: 'azure', attribute: 'principalId' },
      audience: 'api://AzureADTokenExchange',
      coarse: [{ expression: 'assertion.tid', value: '00000000-0000-0000-0000-0000000000aa' }],
    });
  });

  it('says what each AWS runtime’s role trust needs, and refuses a runtime it does not know', () => {
    expect(awsRuntime('ecs-task')).toEqual({ servicePrincipal: 'ecs-tasks.amazonaws.com', sourceAccountChecked: true, instanceProfile: false });
    expect(awsRuntime('ec2')).toEqual({ servicePrincipal: 'ec2.amazonaws.com', sourceAccountChecked: false, instanceProfile: true });
    expect(() => awsRuntime('batch')).toThrow('batch is not an AWS runtime');
    expect(() => awsRuntime('constructor')).toThrow('constructor is not an AWS runtime');
  });

  it('checks a GitHub repository beyond the schema', () => {
    const problems = new Problems();
    const check = FEDERATED_FORMS.github.check as NonNullable<typeof FEDERATED_FORMS.github.check>;
    check({ repository: 'acme' }, ['runsOn', 'github'], problems, []);
    check({ repository: `${'o'.repeat(40)}/app`, ref: 'main' }, ['runsOn', 'github'], problems, []);
    expect(problems.all).toEqual([
      { path: ['runsOn', 'github'], message: 'set exactly one of environment or ref: the subject must name one' },
      { path: ['runsOn', 'github', 'repository'], message: `"acme" is not OWNER/REPO (or OWNER@ID/REPO@ID, GitHub's immutable form)` },
      { path: ['runsOn', 'github', 'repository'], message: expect.stringMatching(/is longer than GitHub allows: an owner has at most 39 characters/) },
    ]);
  });

  it("accepts GitHub's immutable OWNER@ID/REPO@ID with both ids, as docs.github.com's example writes it, and refuses one id alone", () => {
    const problems = new Problems();
    const check = FEDERATED_FORMS.github.check as NonNullable<typeof FEDERATED_FORMS.github.check>;
    // The example of docs.github.com, "Immutable subject claims": repo:octocat@123456/my-repo@456789:ref:refs/heads/main.
    check({ repository: 'octocat@123456/my-repo@456789', ref: 'refs/heads/main' }, ['a'], problems, []);
    check({ repository: `${'o'.repeat(39)}@1/app@2`, ref: 'main' }, ['b'], problems, []);
    check({ repository: 'acme@123/app', ref: 'main' }, ['c'], problems, []);
    check({ repository: 'acme/app@456', ref: 'main' }, ['d'], problems, []);
    check({ repository: 'acme@12x/app@4', ref: 'main' }, ['e'], problems, []);
    check({ repository: `${'o'.repeat(40)}@1/app@2`, ref: 'main' }, ['f'], problems, []);
    expect(problems.all).toEqual([
      { path: ['c', 'repository'], message: `"acme@123/app" gives one immutable id: GitHub's immutable subject carries both, OWNER@ID/REPO@ID` },
      { path: ['d', 'repository'], message: `"acme/app@456" gives one immutable id: GitHub's immutable subject carries both, OWNER@ID/REPO@ID` },
      { path: ['e', 'repository'], message: `"acme@12x/app@4" is not OWNER/REPO (or OWNER@ID/REPO@ID, GitHub's immutable form)` },
      { path: ['f', 'repository'], message: expect.stringMatching(/is longer than GitHub allows: an owner has at most 39 characters/) },
    ]);
    expect(FEDERATED_FORMS.github.owner?.keptBy('acme@123/*')).toBe(true);
    expect(FEDERATED_FORMS.github.owner?.keptBy('acme@*/app')).toBe(false);
  });

  it('tells a wildcard that keeps its owner from one that drops it', () => {
    expect(FEDERATED_FORMS.github.owner?.keptBy('acme/*')).toBe(true);
    expect(FEDERATED_FORMS.github.owner?.keptBy('*/app')).toBe(false);
    expect(FEDERATED_FORMS.terraformCloud.owner?.keptBy('acme-*')).toBe(false);
    expect(dropsOwner('*', false)).toBe(true);
    expect(dropsOwner('repo:*', true)).toBe(true);
    expect(dropsOwner('repo:acme/*', true)).toBe(false);
    // GitHub's immutable subject names its owner by name and id.
    expect(dropsOwner('repo:acme@40000001/app@892000001:environment:dev', true)).toBe(false);
    expect(dropsOwner('repo:@40000001/app@892000001:environment:dev', true)).toBe(true);
    expect(dropsOwner('environment:prod', true)).toBe(true);
    expect(dropsOwner('organization:acme:project:*', false)).toBe(false);
    expect(dropsOwner('organization:*:project:p', false)).toBe(true);
  });
});
