/**
 * Every rule, cdk-nag style, on real synthesized stacks: the shipped examples are compliant
 * with every rule; a config whose workloads each break one rule (through extraAccess), plus
 * resources added by hand, produces exactly the expected findings per rule.
 */
import { TerraformResource } from 'cdktf';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RULES } from '../../lib/guardrails/rules/pack';
import type { EnvironmentStack } from '../../stacks/environment-stack';
import { example } from '../helpers/synth';
import { findingsOf, synthChecked } from '../helpers/guardrails';

const BOUNDARY = 'arn:aws:iam::111111111111:policy/workload-boundary';

/** One environment on three clouds; each workload but `clean` breaks one rule through extraAccess. */
const VIOLATIONS = `
app: shop
environments:
  dev:
    aws:   { accountId: "111111111111", region: us-east-1, permissionsBoundaryArn: "${BOUNDARY}" }
    gcp:   { projectId: shop-dev, projectNumber: "123456789012", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: 00000000-0000-0000-0000-0000000000aa,
             resourceGroup: rg-shop-dev, location: eastus }
    monitoring: { notify: [secops@example.com] }
resources:
  orders: { kind: bucket, aws: { bucket: "shop-orders-{env}" }, gcp: { bucket: "shop-orders-{env}" },
            azure: { storageAccount: "shoporders{env}", container: orders } }
workloads:
  clean:
    description: Compliant reference workload
    owner: team-shop
    runsOn: { aws: lambda }
    access: [{ resource: orders, allow: [read, write] }]
    extraAccess:
      aws: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::shop-home-{env}/\${aws:username}/*" }]
      gcp: [{ role: roles/storage.objectViewer, on: bucket, name: "shop-archive-{env}" }]
      azure: [{ role: Storage Blob Data Reader, scope: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-dev/providers/Microsoft.Storage/storageAccounts/shoparchive/blobServices/default/containers/archive" }]
  wild:
    description: Wildcard action on every resource
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Sid: Everything, Effect: Allow, Action: ["s3:*"], Resource: "*" }] }
  typo:
    description: Misspelt action
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: s3:GetObjectz, Resource: "arn:aws:s3:::shop-orders-dev/*" }] }
  escalate:
    description: Writes IAM policies
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: [iam:PutRolePolicy, iam:GetRole], Resource: "arn:aws:iam::111111111111:role/app-*" }] }
  anywhere:
    description: Reads a queue of any account and region
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Sid: AnyAccount, Effect: Allow, Action: sqs:ReceiveMessage, Resource: ["arn:aws:sqs:*:*:jobs", "arn:aws:sqs:{region}:{account}:jobs"] }] }
  idle:
    description: Asked for a GCP identity it has nothing to do with
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws, gcp]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::shop-idle-{env}/*" }] }
  mint:
    description: Mints tokens for any audience
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: sts:GetWebIdentityToken, Resource: "*" }] }
  gcp-basic:
    description: Basic role on a bucket
    owner: team-shop
    runsOn: { gcp: cloud-run }
    clouds: [gcp]
    access: []
    extraAccess: { gcp: [{ role: roles/viewer, on: bucket, name: shop-orders-dev }] }
  gcp-project:
    description: Impersonates any service account
    owner: team-shop
    runsOn: { gcp: cloud-run }
    clouds: [gcp]
    access: []
    extraAccess: { gcp: [{ role: roles/iam.serviceAccountTokenCreator, on: project }] }
  az-owner:
    description: Owns a container
    owner: team-shop
    runsOn: { azure: functions }
    clouds: [azure]
    access: []
    extraAccess:
      azure: [{ role: /providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c,
                scope: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-dev/providers/Microsoft.Storage/storageAccounts/shoporders/blobServices/default/containers/orders" }]
  az-rg:
    description: Reads every blob of a resource group
    owner: team-shop
    runsOn: { azure: functions }
    clouds: [azure]
    access: []
    extraAccess: { azure: [{ role: Storage Blob Data Reader, scope: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-dev }] }
  expose:
    description: Rewrites a bucket policy
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: s3:PutBucketPolicy, Resource: "arn:aws:s3:::shop-orders-dev" }] }
  creds:
    description: Connects as any database user
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: rds-db:connect, Resource: "arn:aws:rds-db:us-east-1:111111111111:dbuser:db-ABCDEFGHIJ/*" }] }
  blind:
    description: Deletes the audit log group
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
    extraAccess: { aws: [{ Effect: Allow, Action: logs:DeleteLogGroup, Resource: "arn:aws:logs:us-east-1:111111111111:log-group:/shop/dev/*" }] }
  session:
    description: Gets a longer-lived role added by hand
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: []
`;

/** Resources a team might add to the stack by hand: each breaks rules the config cannot. */
function addByHand(stacks: readonly EnvironmentStack[]): void {
  const stack = stacks[0];
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/*', 'repo:*'] } },
      },
    ],
  };
  new IamRole(stack, 'legacy', { name: 'legacy', assumeRolePolicy: JSON.stringify(trust), maxSessionDuration: 50400 }).overrideLogicalId('legacy');
  new IamRolePolicyAttachment(stack, 'legacy-admin', { role: 'legacy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }).overrideLogicalId('legacy_admin');
  new IamAccessKey(stack, 'ci-key', { user: 'ci' }).overrideLogicalId('ci_key');
  new ServiceAccountKey(stack, 'sa-key', { serviceAccountId: 'shop-dev-clean' }).overrideLogicalId('sa_key');
  new TerraformResource(stack, 'app-secret', { terraformResourceType: 'azuread_application_password' }).overrideLogicalId('app_secret');
  new IamWorkloadIdentityPoolProvider(stack, 'open-provider', {
    workloadIdentityPoolId: 'pool',
    workloadIdentityPoolProviderId: 'open',
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
  }).overrideLogicalId('open_provider');
  new ServiceAccountIamMember(stack, 'pool-wide', {
    serviceAccountId: 'projects/shop-dev/serviceAccounts/shop-dev-clean@shop-dev.iam.gserviceaccount.com',
    role: 'roles/iam.workloadIdentityUser',
    member: 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/*',
  }).overrideLogicalId('pool_wide');
  new FederatedIdentityCredential(stack, 'any-branch', {
    name: 'any-branch',
    resourceGroupName: 'rg-shop-dev',
    parentId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x',
    issuer: 'https://token.actions.githubusercontent.com',
    subject: 'repo:acme/shop:*',
    audience: [],
  }).overrideLogicalId('any_branch');
  // Inside the workload's AWS construct: attributed to `session`, whose limit is 60 minutes.
  const sessionAws = stack.node.findChild('session').node.findChild('aws');
  new IamRole(sessionAws, 'long-role', {
    name: 'shop-dev-session-long',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    maxSessionDuration: 7200,
    permissionsBoundary: BOUNDARY,
    tags: { app: 'shop', environment: 'dev', workload: 'session', owner: 'team-shop' },
  }).overrideLogicalId('session_long');
}

/** Per rule: exactly the findings (`workload address[#detail]`) the violations config must produce. */
const EXPECTED: Record<string, string[]> = {
  'WI-AWS-001': ['wild aws_iam_role_policy.wild#Action::s3:*', 'wild aws_iam_role_policy.wild#Resource::*'],
  'WI-AWS-002': ['typo aws_iam_role_policy.typo#Action::s3:GetObjectz'],
  'WI-AWS-003': ['- aws_iam_role_policy_attachment.legacy_admin#PolicyArn::arn:aws:iam::aws:policy/AdministratorAccess'],
  'WI-AWS-004': ['escalate aws_iam_role_policy.escalate#Action::iam:PutRolePolicy'],
  'WI-AWS-005': ['- aws_iam_role.legacy'],
  'WI-AWS-006': ['- aws_iam_role.legacy', 'session aws_iam_role.session_long'],
  'WI-AWS-007': ['mint aws_iam_role_policy.mint#Action::sts:GetWebIdentityToken'],
  'WI-AWS-010': ['expose aws_iam_role_policy.expose#Action::s3:PutBucketPolicy', 'wild aws_iam_role_policy.wild#Action::s3:*'],
  'WI-AWS-011': ['creds aws_iam_role_policy.creds#Action::rds-db:connect'],
  'WI-AWS-012': ['wild aws_iam_role_policy.wild#Action::s3:*'],
  'WI-AWS-013': ['blind aws_iam_role_policy.blind#Action::logs:DeleteLogGroup', 'wild aws_iam_role_policy.wild#Action::s3:*'],
  'WI-AWS-014': ['anywhere aws_iam_role_policy.anywhere#Resource::arn:aws:sqs:*:*:jobs'],
  'WI-FED-002': ['- aws_iam_role.legacy#Condition::sub-owner'],
  'WI-FED-001': [
    '- aws_iam_role.legacy#Condition::aud',
    '- aws_iam_role.legacy#Condition::sub',
    '- azurerm_federated_identity_credential.any_branch#Condition::aud',
    '- azurerm_federated_identity_credential.any_branch#Condition::sub',
  ],
  'WI-GCP-001': ['gcp-basic google_storage_bucket_iam_member.gcp-basic_extra_0#Role::roles/viewer'],
  'WI-GCP-002': ['gcp-project google_project_iam_member.gcp-project_extra_0#Role::roles/iam.serviceAccountTokenCreator'],
  'WI-GCP-003': ['gcp-project google_project_iam_member.gcp-project_extra_0#Role::roles/iam.serviceAccountTokenCreator'],
  'WI-GCP-004': ['- google_iam_workload_identity_pool_provider.open_provider'],
  'WI-GCP-005': ['- google_service_account_iam_member.pool_wide#Member::principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/*'],
  'WI-AZ-001': ['az-owner azurerm_role_assignment.az-owner_extra_0#Role::Contributor'],
  'WI-AZ-002': ['az-rg azurerm_role_assignment.az-rg_extra_0#Scope::/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-dev'],
  'WI-CRED-001': ['- aws_iam_access_key.ci_key', '- azuread_application_password.app_secret', '- google_service_account_key.sa_key'],
  'WI-IDLE-001': ['idle google_service_account.idle'],
  'WI-TAG-001': ['- aws_iam_role.legacy'],
};

describe('guardrail rules', () => {
  const violations = synthChecked(VIOLATIONS, addByHand);
  const examples = ['identity.yaml', 'aws-only.yaml'].map((name) => [name, synthChecked(example(name))] as const);

  it('has a non-compliant case for every rule of the pack', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('is compliant on the shipped examples', () => {
      for (const [, outcome] of examples) expect(findingsOf(outcome, id)).toEqual([]);
    });

    it('flags exactly the non-compliant resources, with the workload, cloud and fix', () => {
      expect(findingsOf(violations, id)).toEqual([...EXPECTED[id]].sort());
      for (const f of violations.result.findings.filter((x) => x.rule === id)) {
        expect(f).toMatchObject({ level: rule.level, stack: 'shop-dev', environment: 'dev', fix: rule.fix });
        expect(f.message.length).toBeGreaterThan(10);
      }
    });
  });

  it('finds nothing on the compliant workload, its extraAccess included', () => {
    expect(violations.result.findings.filter((f) => f.workload === 'clean')).toEqual([]);
  });

  it('attributes findings to the cloud of the resource', () => {
    const cloudOf = (rule: string) => new Set(violations.result.findings.filter((f) => f.rule === rule).map((f) => f.cloud));
    expect(cloudOf('WI-AWS-001')).toEqual(new Set(['aws']));
    expect(cloudOf('WI-GCP-001')).toEqual(new Set(['gcp']));
    expect(cloudOf('WI-AZ-002')).toEqual(new Set(['azure']));
  });

  it('fails synth on errors and keeps no stack, while the shipped examples pass with their stacks written', () => {
    expect(violations.failed).toBe(true);
    for (const [, outcome] of examples) {
      expect(outcome.failed).toBe(false);
      expect(outcome.result.findings).toEqual([]);
    }
  });
});
