/**
 * AwsWorkloadIdentity alone, in a bare stack, against resources written by hand from the IAM and
 * service documentation and the contract in README.md (what each level means, where each source
 * runs). The only shared construct it takes is the stack's AwsOidcProviders.
 *
 * Conventions stated rather than derived from the docs: a workload's resources are named
 * `<workload>` (lib/terraform/workload-address.ts), its role `<app>-<env>-<workload>` and its inline
 * policy `access`; statement ids are `<Levels><Target>Of<Resource>` (lib/aws/statement-ids.ts) and
 * `RuntimeAssumesRole` / `FederatedSubjectAssumesRole` (lib/aws/trust-policy.ts); an OIDC provider's
 * address is `oidc_<issuer less https://, . and / as _>` (lib/aws/oidc-providers.ts).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsWorkloadIdentity } from '../../lib/aws/identity';
import { AwsOidcProviders, planOidcProviders } from '../../lib/aws/oidc-providers';
import { addressesOf, once, identityContext, parsedJson, resource, synthUnit, unitInput, unitStack } from '../helpers/construct-unit';

const CONFIG = `
app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: 00000000-0000-0000-0000-0000000000aa,
             resourceGroup: rg-dev, location: eastus }
    monitoring: { notify: [secops@example.com] }
  prod:
    aws: { accountId: "222222222222", region: us-east-1, permissionsBoundaryArn: "arn:aws:iam::222222222222:policy/workload-boundary" }
    monitoring: { notify: [secops@example.com] }
resources:
  invoices: { kind: bucket, aws: { bucket: "acme-invoices-{env}" } }
workloads:
  renderer:
    description: Renders invoices
    owner: team-billing
    runsOn: { aws: lambda }
    access:
      - { resource: invoices, allow: [read] }
  deployer:
    description: Deploys from CI
    owner: team-platform
    runsOn: { github: { repository: acme/payments, environment: "{env}" } }
    environments: [prod]
    session: { maxMinutes: 120 }
    access:
      - { resource: invoices, allow: [read] }
  batch:
    description: Batch host
    owner: team-billing
    runsOn: { aws: ec2 }
    environments: [dev]
    access: []
  bridge:
    description: Calls Azure from Lambda
    owner: team-billing
    runsOn: { aws: lambda }
    clouds: [aws, azure]
    environments: [dev]
    access: []
`;

/** Synthesizes the AWS identity of one workload of CONFIG, with the environment's OIDC providers. */
function synthAws(envName: string, workloadName: string) {
  const input = unitInput(CONFIG, envName, workloadName);
  const aws = input.env.aws!;
  const stack = unitStack();
  new AwsProvider(stack, 'provider', { region: aws.region });
  const oidcProviders = new AwsOidcProviders(stack, 'oidc-providers', input.env.name, aws.accountId, {}, planOidcProviders(input.spec));
  new AwsWorkloadIdentity(stack, 'aws', { context: identityContext(input), oidcProviders });
  return synthUnit(stack);
}

const trustOf = (json: ReturnType<typeof synthAws>, name: string) => parsedJson(resource(json, 'aws_iam_role', name).assume_role_policy);
const policyOf = (json: ReturnType<typeof synthAws>, name: string) => parsedJson(resource(json, 'aws_iam_role_policy', name).policy);

describe('AwsWorkloadIdentity', () => {
  describe('GIVEN a Lambda workload that reads one bucket', () => {
    const json = once(() => synthAws('dev', 'renderer'));

    it('THEN it makes exactly a role and its inline policy: no OIDC provider, no instance profile', () => {
      expect(addressesOf(json())).toEqual(['aws_iam_role.renderer', 'aws_iam_role_policy.renderer']);
    });

    it('THEN the role is named, described, tagged and limited to the default 60-minute session, with no boundary in dev', () => {
      const role = resource(json(), 'aws_iam_role', 'renderer');
      expect(role).toMatchObject({
        name: 'acme-dev-renderer',
        description: 'Renders invoices (acme/dev/renderer)',
        max_session_duration: 3600,
        tags: { app: 'acme', environment: 'dev', workload: 'renderer', owner: 'team-billing' },
      });
      expect(role).not.toHaveProperty('permissions_boundary');
    });

    it('THEN only the Lambda service may assume it, and only for this account (confused-deputy guard)', () => {
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html (trust policy);
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html (aws:SourceAccount).
      expect(trustOf(json(), 'renderer')).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'RuntimeAssumesRole',
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          },
        ],
      });
    });

    it('THEN the inline policy gets objects and lists the bucket, nothing more', () => {
      // read = "get and list objects": s3:GetObject on the object ARN, s3:ListBucket on the bucket ARN
      // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html, resource types).
      const policy = resource(json(), 'aws_iam_role_policy', 'renderer');
      expect(policy.name).toBe('access');
      expect(policy.role).toBe('${aws_iam_role.renderer.name}');
      expect(policyOf(json(), 'renderer')).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ReadObjectsOfInvoices', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-invoices-dev/*' },
          { Sid: 'ReadBucketOfInvoices', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::acme-invoices-dev' },
        ],
      });
    });
  });

  describe('GIVEN a GitHub Actions workload in prod, with a boundary and a 120-minute session', () => {
    const json = once(() => synthAws('prod', 'deployer'));

    it('THEN it makes the role, its policy and the IAM OIDC provider of GitHub for the STS audience', () => {
      expect(addressesOf(json())).toEqual([
        'aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com',
        'aws_iam_role.deployer',
        'aws_iam_role_policy.deployer',
      ]);
      // https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
      expect(resource(json(), 'aws_iam_openid_connect_provider', 'oidc_token_actions_githubusercontent_com')).toMatchObject({
        url: 'https://token.actions.githubusercontent.com',
        client_id_list: ['sts.amazonaws.com'],
      });
    });

    it('THEN the role carries the environment boundary and a 7,200-second session', () => {
      expect(resource(json(), 'aws_iam_role', 'deployer')).toMatchObject({
        name: 'acme-prod-deployer',
        max_session_duration: 7200,
        permissions_boundary: 'arn:aws:iam::222222222222:policy/workload-boundary',
      });
    });

    it('THEN the trust pins the provider, the audience and the exact subject of the repository and environment', () => {
      expect(trustOf(json(), 'deployer')).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'FederatedSubjectAssumesRole',
            Effect: 'Allow',
            Principal: { Federated: '${aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com.arn}' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub': 'repo:acme/payments:environment:prod',
              },
            },
          },
        ],
      });
    });
  });

  describe('GIVEN an EC2 workload with no grants', () => {
    const json = once(() => synthAws('dev', 'batch'));

    it('THEN it makes a role and an instance profile of the same name, and no policy', () => {
      // EC2 takes a role only through an instance profile
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html).
      expect(addressesOf(json())).toEqual(['aws_iam_instance_profile.batch', 'aws_iam_role.batch']);
      expect(resource(json(), 'aws_iam_instance_profile', 'batch')).toMatchObject({ name: 'acme-dev-batch', role: '${aws_iam_role.batch.name}' });
    });

    it('THEN the EC2 service assumes it, with no condition', () => {
      // As the instance role trust policy of https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html:
      // who may use the role is governed by iam:PassRole onto the instance profile, not by the trust.
      expect(trustOf(json(), 'batch')).toEqual({
        Version: '2012-10-17',
        Statement: [{ Sid: 'RuntimeAssumesRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
    });
  });

  describe('GIVEN a Lambda workload that also has an Azure identity', () => {
    const json = once(() => synthAws('dev', 'bridge'));

    it('THEN its only permission is to mint web identity tokens for the Entra token exchange audience', () => {
      // IAM outbound identity federation: sts:GetWebIdentityToken, narrowed by sts:IdentityTokenAudience
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound.html); Entra expects
      // api://AzureADTokenExchange (https://learn.microsoft.com/entra/workload-id/workload-identity-federation).
      expect(policyOf(json(), 'bridge')).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'MintTokenForAzure',
            Effect: 'Allow',
            Action: 'sts:GetWebIdentityToken',
            Resource: '*',
            Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['api://AzureADTokenExchange'] } },
          },
        ],
      });
    });
  });
});
