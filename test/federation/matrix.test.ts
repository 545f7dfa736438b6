/**
 * The federation matrix, cell by cell: every source gets an identity on every cloud, each
 * trusting exactly that source (issuer, audience, exact subject), and nothing near it.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, GITHUB, POOL, TENANT, config, threeCloudEnvironment, workload } from '../helpers/configs';
import { ofType, synthStacks } from '../helpers/synth';
import { resourcesByAddress } from '../../lib/terraform/stack-json';
import { exchange } from '../helpers/gcp-federation';
import { awsTrustAdmits } from '../helpers/trust';
import { formatReference } from '../../lib/terraform/reference';

const EKS = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
const IDP = 'https://idp.example.com/tenant-1';

/** The matrix is about trust, not grants: every source asks for all three clouds (the default would give it none but its own). */
const EVERY_CLOUD = '    clouds: [aws, gcp, azure]\n';

const SOURCES = [
  workload('fn-lambda', '{ aws: lambda }', [], EVERY_CLOUD),
  workload('fn-ecs', '{ aws: ecs-task }', [], EVERY_CLOUD),
  workload('fn-ec2', '{ aws: ec2 }', [], EVERY_CLOUD),
  workload('run', '{ gcp: cloud-run }', [], EVERY_CLOUD),
  workload('func', '{ azure: functions }', [], EVERY_CLOUD),
  workload('pod', `{ kubernetes: { issuer: "${EKS}", namespace: payments, serviceAccount: worker } }`, [], EVERY_CLOUD),
  workload('ci-env', '{ github: { repository: acme/app, environment: "{env}" } }', [], EVERY_CLOUD),
  workload('ci-ref', '{ github: { repository: acme/app, ref: refs/heads/main } }', [], EVERY_CLOUD),
  workload('ci-ids', '{ github: { repository: "acme@40000001/app@892000001", environment: "{env}" } }', [], EVERY_CLOUD),
  workload('tfc', '{ terraformCloud: { organization: acme, project: platform, workspace: "app-{env}", runPhase: apply } }', [], EVERY_CLOUD),
  workload('idp', `{ oidc: { issuer: "${IDP}", subject: "spiffe://acme/app", audience: "acme-app" } }`, [], EVERY_CLOUD),
].join('');

/** The exact subject each OIDC source must be pinned to, and a neighbour that must not be trusted. */
const OIDC: Record<string, { issuer: string; sub: string; neighbour: string; aud: { aws: string; azure: string } }> = {
  pod: { issuer: EKS, sub: 'system:serviceaccount:payments:worker', neighbour: 'system:serviceaccount:payments:other', aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' } },
  'ci-env': { issuer: GITHUB, sub: 'repo:acme/app:environment:dev', neighbour: 'repo:acme/app:environment:prod', aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' } },
  'ci-ref': { issuer: GITHUB, sub: 'repo:acme/app:ref:refs/heads/main', neighbour: 'repo:acme/app:ref:refs/heads/feature', aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' } },
  // GitHub's immutable subject (docs.github.com, "Immutable subject claims"); the neighbour is the same names re-registered by another owner.
  'ci-ids': {
    issuer: GITHUB,
    sub: 'repo:acme@40000001/app@892000001:environment:dev',
    neighbour: 'repo:acme@40000002/app@892000001:environment:dev',
    aud: { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' },
  },
  tfc: {
    issuer: 'https://app.terraform.io',
    sub: 'organization:acme:project:platform:workspace:app-dev:run_phase:apply',
    neighbour: 'organization:acme:project:platform:workspace:app-prod:run_phase:apply',
    aud: { aws: 'aws.workload.identity', azure: 'api://AzureADTokenExchange' },
  },
  idp: { issuer: IDP, sub: 'spiffe://acme/app', neighbour: 'spiffe://acme/other', aud: { aws: 'acme-app', azure: 'acme-app' } },
};


describe('the federation matrix', () => {
  const stack = synthStacks(config(SOURCES))['acme-dev'];
  const all = resourcesByAddress(stack);
  const roles = ofType(stack, 'aws_iam_role');
  const trustOf = (name: string) => roles[name].assume_role_policy as string;

  describe('identities on AWS', () => {
    it.each([
      ['fn-lambda', 'lambda.amazonaws.com'],
      ['fn-ecs', 'ecs-tasks.amazonaws.com'],
      ['fn-ec2', 'ec2.amazonaws.com'],
    ])('%s: its service may assume the role, another service may not', async (name, service) => {
      const policy = JSON.parse(trustOf(name));
      const decide = async (principal: string) => {
        const r = await runSimulation(
          {
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy,
            request: { action: 'sts:AssumeRole', principal, resource: { accountId: ACCOUNT, resource: `arn:aws:iam::${ACCOUNT}:role/x` }, contextVariables: { 'aws:SourceAccount': ACCOUNT } },
          },
          {},
        );
        return r.resultType === 'error' ? JSON.stringify(r.errors) : r.overallResult;
      };
      expect(await decide(service)).toBe('Allowed');
      expect(await decide(service === 'lambda.amazonaws.com' ? 'ec2.amazonaws.com' : 'lambda.amazonaws.com')).toBe('ImplicitlyDenied');
    });

    it('gives an EC2 role its instance profile', () => {
      expect(all.get('aws_iam_instance_profile.fn-ec2')).toMatchObject({ name: 'acme-dev-fn-ec2', role: formatReference({ type: 'aws_iam_role', name: 'fn-ec2', attribute: 'name' }) });
    });

    it('trusts a Cloud Run service through accounts.google.com, pinned to its service account', async () => {
      // What the reference resolves to at apply time: the simulator would read `${...}` as a policy variable.
      const uniqueId = '104578236498710238457';
      const policy = JSON.parse(trustOf('run').split(formatReference({ type: 'google_service_account', name: 'run', attribute: 'unique_id' })).join(uniqueId));
      const decide = async (id: string) => {
        const r = await runSimulation(
          {
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy,
            request: {
              action: 'sts:AssumeRoleWithWebIdentity',
              principal: 'accounts.google.com',
              resource: { accountId: ACCOUNT, resource: `arn:aws:iam::${ACCOUNT}:role/x` },
              contextVariables: { 'accounts.google.com:aud': id, 'accounts.google.com:sub': id, 'accounts.google.com:oaud': 'sts.amazonaws.com' },
            },
          },
          {},
        );
        // The simulator treats a web identity as another account: the trust policy's own verdict is what counts here.
        return r.resultType === 'single' ? r.result.analysis?.resourceAnalysis?.result : JSON.stringify(r);
      };
      expect(await decide(uniqueId)).toBe('Allowed');
      expect(await decide('117000000000000000000')).toBe('ImplicitlyDenied');
    });

    it("trusts an Azure Function through the tenant's issuer, pinned to its principal id", () => {
      const key = `login.microsoftonline.com/${TENANT}/v2.0`;
      const provider = `\${aws_iam_openid_connect_provider.oidc_login_microsoftonline_com_${TENANT}_v2_0.arn}`;
      const principal = formatReference({ type: 'azurerm_user_assigned_identity', name: 'func', attribute: 'principal_id' });
      expect(awsTrustAdmits(trustOf('func'), provider, { [`${key}:sub`]: principal, [`${key}:aud`]: 'api://AzureADTokenExchange' })).toBe(true);
      expect(awsTrustAdmits(trustOf('func'), provider, { [`${key}:sub`]: 'another-principal', [`${key}:aud`]: 'api://AzureADTokenExchange' })).toBe(false);
    });

    it.each(Object.keys(OIDC))('%s: the exact subject and audience may assume, a neighbouring subject may not', (name) => {
      const { issuer, sub, neighbour, aud } = OIDC[name];
      const key = issuer.replace('https://', '');
      const provider = `\${aws_iam_openid_connect_provider.oidc_${key.replace(/[^A-Za-z0-9-]+/g, '_')}.arn}`;
      expect(awsTrustAdmits(trustOf(name), provider, { [`${key}:sub`]: sub, [`${key}:aud`]: aud.aws })).toBe(true);
      expect(awsTrustAdmits(trustOf(name), provider, { [`${key}:sub`]: neighbour, [`${key}:aud`]: aud.aws })).toBe(false);
      expect(awsTrustAdmits(trustOf(name), provider, { [`${key}:sub`]: sub, [`${key}:aud`]: 'another-audience' })).toBe(false);
      expect(JSON.parse(trustOf(name)).Statement[0].Condition).toEqual({ StringEquals: { [`${key}:aud`]: aud.aws, [`${key}:sub`]: sub } });
    });

    it('makes one OIDC provider per issuer, however many workloads share it, with every audience', () => {
      const providers = ofType(stack, 'aws_iam_openid_connect_provider');
      expect(Object.values(providers).map((p) => [p.url, p.client_id_list]).sort()).toEqual(
        [
          [GITHUB, ['sts.amazonaws.com']],
          ['https://app.terraform.io', ['aws.workload.identity']],
          [EKS, ['sts.amazonaws.com']],
          [IDP, ['acme-app']],
          [`https://login.microsoftonline.com/${TENANT}/v2.0`, ['api://AzureADTokenExchange']],
        ].sort(),
      );
    });
  });

  describe('identities on Google Cloud', () => {
    const members = ofType(stack, 'google_service_account_iam_member');
    const providers = ofType(stack, 'google_iam_workload_identity_pool_provider');

    it('lets a GCP runtime use its service account directly: no federation binding', () => {
      expect(members.run_federation).toBeUndefined();
    });

    // Principals and conditions evaluated with CEL, over every source and its neighbours: test/gcp/federation-principals.test.ts.
    it.each(['fn-lambda', 'fn-ecs', 'fn-ec2'])('%s: trusted through the account’s aws provider, pinned to its role', (name) => {
      const aws = providers[`aws-${ACCOUNT}`];
      expect(members[`${name}_federation`]).toEqual(
        expect.objectContaining({
          role: 'roles/iam.workloadIdentityUser',
          service_account_id: formatReference({ type: 'google_service_account', name: name, attribute: 'name' }),
          member: `principal://iam.googleapis.com/\${google_iam_workload_identity_pool.pool.name}/subject/aws-${ACCOUNT}:acme-dev-${name}`,
        }),
      );
      expect(aws.aws).toEqual({ account_id: ACCOUNT });
      const session = (role: string) => ({ kind: 'aws' as const, account: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session` });
      expect(exchange(aws, POOL, session(`acme-dev-${name}`))).toMatchObject({ subject: `aws-${ACCOUNT}:acme-dev-${name}` });
      expect(exchange(aws, POOL, session('acme-dev-other'))).toEqual({ refused: 'condition is false' });
    });

    it.each([...Object.keys(OIDC), 'func'])('%s: a provider for its issuer admits exactly its subject, bound to that principal only', (name) => {
      const member = members[`${name}_federation`].member as string;
      const [, providerId, subject] = /^principal:\/\/iam\.googleapis\.com\/\$\{google_iam_workload_identity_pool\.pool\.name\}\/subject\/([0-9a-z-]+):(.+)$/.exec(member) ?? [];
      const expected = name === 'func' ? formatReference({ type: 'azurerm_user_assigned_identity', name: 'func', attribute: 'principal_id' }) : OIDC[name].sub;
      expect(subject).toBe(expected);
      const issuer = name === 'func' ? `https://login.microsoftonline.com/${TENANT}/v2.0` : OIDC[name].issuer;
      const provider = Object.values(providers).find((p) => (p.oidc as { issuer_uri?: string } | undefined)?.issuer_uri === issuer) as Record<string, unknown>;
      expect(provider.workload_identity_pool_provider_id).toBe(providerId);
      const token = (sub: string) => {
        const aud = (provider.oidc as { allowed_audiences?: string[] }).allowed_audiences?.[0] ?? `//iam.googleapis.com/${POOL}/providers/${providerId}`;
        return { kind: 'oidc' as const, iss: issuer, aud, claims: { sub } };
      };
      expect(exchange(provider, POOL, token(expected))).toMatchObject({ subject: `${providerId}:${expected}` });
      if (name !== 'func') expect(exchange(provider, POOL, token(OIDC[name].neighbour))).toEqual({ refused: 'condition is false' });
    });

    it('pins the audience where the source names one, and keeps the default elsewhere', () => {
      const byIssuer = Object.fromEntries(Object.values(providers).map((p) => [(p.oidc as { issuer_uri?: string } | undefined)?.issuer_uri ?? 'aws', p]));
      expect((byIssuer[IDP].oidc as { allowed_audiences: string[] }).allowed_audiences).toEqual(['acme-app']);
      expect((byIssuer[`https://login.microsoftonline.com/${TENANT}/v2.0`].oidc as { allowed_audiences: string[] }).allowed_audiences).toEqual(['api://AzureADTokenExchange']);
      expect((byIssuer[GITHUB].oidc as { allowed_audiences?: string[] }).allowed_audiences).toBeUndefined();
    });

    it('makes one pool, one provider per issuer, each with a condition, and no pool-wide member', () => {
      expect(Object.keys(ofType(stack, 'google_iam_workload_identity_pool'))).toEqual(['pool']);
      expect(Object.keys(providers)).toHaveLength(6);
      for (const p of Object.values(providers)) expect(p.attribute_condition).toMatch(/ in \[".+"\]$/);
      for (const m of Object.values(members)) expect(m.member).not.toMatch(/\/\*$|principalSet:\/\/[^ ]*\/\*$/);
    });
  });

  describe('identities on Azure', () => {
    const credentials = ofType(stack, 'azurerm_federated_identity_credential');

    it('lets an Azure runtime use its identity directly: no federated credential', () => {
      expect(credentials.func_federation).toBeUndefined();
    });

    it.each(Object.keys(OIDC))('%s: one credential, exact issuer, subject and audience', (name) => {
      expect(credentials[`${name}_federation`]).toMatchObject({
        issuer: OIDC[name].issuer,
        subject: OIDC[name].sub,
        audience: [OIDC[name].aud.azure],
        parent_id: formatReference({ type: 'azurerm_user_assigned_identity', name: name, attribute: 'id' }),
        resource_group_name: formatReference({ type: 'azurerm_user_assigned_identity', name: name, attribute: 'resource_group_name' }),
      });
    });

    it('trusts a Cloud Run service through accounts.google.com, pinned to its service account id', () => {
      expect(credentials.run_federation).toMatchObject({
        issuer: 'https://accounts.google.com',
        subject: formatReference({ type: 'google_service_account', name: 'run', attribute: 'unique_id' }),
        audience: ['api://AzureADTokenExchange'],
      });
    });

    it.each(['fn-lambda', 'fn-ecs', 'fn-ec2'])("%s: trusted through the account's outbound issuer, pinned to its role ARN", (name) => {
      expect(credentials[`${name}_federation`]).toMatchObject({
        issuer: '${var.aws_outbound_issuer}',
        subject: formatReference({ type: 'aws_iam_role', name: name, attribute: 'arn' }),
        audience: ['api://AzureADTokenExchange'],
      });
      const policy = JSON.parse(ofType(stack, 'aws_iam_role_policy')[name].policy as string);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Action: 'sts:GetWebIdentityToken', Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['api://AzureADTokenExchange'] } } }),
      );
    });

    it('declares the outbound issuer variable only where the config does not name it', () => {
      expect(Object.keys(stack.variable ?? {})).toEqual(['aws_outbound_issuer']);
      const named = synthStacks(
        config(workload('fn', '{ aws: lambda }', [], '    clouds: [aws, azure]\n'), threeCloudEnvironment('dev').replace('region: us-east-1 }', 'region: us-east-1, outboundIssuer: "https://abc123.tokens.sts.global.api.aws" }')),
      )['acme-dev'];
      expect(named.variable).toBeUndefined();
      expect(ofType(named, 'azurerm_federated_identity_credential').fn_federation.issuer).toBe('https://abc123.tokens.sts.global.api.aws');
    });
  });

  it('makes no long-lived key of any cloud', () => {
    const keyTypes = /^(aws_iam_access_key|aws_iam_user|aws_iam_user_login_profile|google_service_account_key|azuread_application_password|azuread_application_certificate|azuread_service_principal_password|azuread_service_principal_certificate)\./;
    expect([...all.keys()].filter((a) => keyTypes.test(a))).toEqual([]);
  });
});
