/**
 * The baseline: hand-written cdktf with deep imports and no spec logic. It reads a census
 * (BASELINE_CENSUS: stacks with resource counts per type and output counts) and emits the same
 * number of resources of each type and of outputs per stack, with typical attributes and the
 * usual references (grants refer to their identity, outputs to identity attributes) and the same
 * kind of backend per stack, so the benchmark
 * compares our synth with plain cdktf doing the same amount of Terraform. The benchmark runs it
 * transpiled to JavaScript.
 *
 * BASELINE_TOKEN_STACKS=off makes it the tuned baseline: cdktf then records no stack trace
 * for each token it creates (as the app does, see lib/token-stack-traces.ts), the fastest
 * plain cdktf known here.
 */
import { readFileSync } from 'node:fs';
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { StackCensus } from '../census';

/** The identities of one stack, which other resources refer to. */
interface Anchors {
  role: IamRole[];
  sa: ServiceAccount[];
  uami: UserAssignedIdentity[];
}

type Emit = (stack: TerraformStack, id: string, i: number, a: Anchors) => TerraformResource;

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length];
const tags = (i: number) => ({ app: 'bench', environment: 'prod', workload: `w${i}`, owner: 'team' });
const policy = (i: number) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: `arn:aws:s3:::bucket-${i}/*` },
      { Sid: 'Queue', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: `arn:aws:sqs:us-east-1:111111111111:q-${i}` },
    ],
  });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
});
const member = (a: Anchors, i: number) => `serviceAccount:${pick(a.sa, i).email}`;
/** An identity attribute for an alert; a literal in a stack without identities (a shared stack's alerts). */
const attribute = <T>(xs: T[], i: number, get: (x: T) => string, literal: string) => (xs.length ? get(pick(xs, i)) : literal);

/** Identity types first: the others refer to them. */
const EMITTERS: Readonly<Record<string, Emit>> = {
  aws_iam_role: (s, id, i, a) => {
    const r = new IamRole(s, id, { name: `bench-prod-w${i}`, description: `Workload ${i}`, assumeRolePolicy: trust, maxSessionDuration: 3600, tags: tags(i) });
    a.role.push(r);
    return r;
  },
  google_service_account: (s, id, i, a) => {
    const r = new ServiceAccount(s, id, { project: 'acme-prod', accountId: `bench-prod-w${i}`, displayName: `bench prod w${i}`, description: `Workload ${i}` });
    a.sa.push(r);
    return r;
  },
  azurerm_user_assigned_identity: (s, id, i, a) => {
    const r = new UserAssignedIdentity(s, id, { name: `id-bench-prod-w${i}`, resourceGroupName: 'rg', location: 'eastus', tags: tags(i) });
    a.uami.push(r);
    return r;
  },
  aws_iam_role_policy: (s, id, i, a) => new IamRolePolicy(s, id, { name: 'access', role: pick(a.role, i).name, policy: policy(i) }),
  aws_iam_instance_profile: (s, id, i, a) => new IamInstanceProfile(s, id, { name: `bench-prod-w${i}`, role: pick(a.role, i).name, tags: tags(i) }),
  aws_iam_openid_connect_provider: (s, id, i) =>
    new IamOpenidConnectProvider(s, id, { url: `https://issuer-${i}.example.com`, clientIdList: ['sts.amazonaws.com'], tags: { 'managed-by': 'bench' } }),
  google_service_account_iam_member: (s, id, i, a) =>
    new ServiceAccountIamMember(s, id, {
      serviceAccountId: pick(a.sa, i).name,
      role: 'roles/iam.workloadIdentityUser',
      member: `principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s-${i}`,
    }),
  google_storage_bucket_iam_member: (s, id, i, a) => new StorageBucketIamMember(s, id, { bucket: `bucket-${i}`, role: 'roles/storage.objectViewer', member: member(a, i) }),
  google_secret_manager_secret_iam_member: (s, id, i, a) =>
    new SecretManagerSecretIamMember(s, id, { project: 'acme-prod', secretId: `secret-${i}`, role: 'roles/secretmanager.secretAccessor', member: member(a, i) }),
  google_pubsub_topic_iam_member: (s, id, i, a) => new PubsubTopicIamMember(s, id, { project: 'acme-prod', topic: `t-${i}`, role: 'roles/pubsub.publisher', member: member(a, i) }),
  google_pubsub_subscription_iam_member: (s, id, i, a) =>
    new PubsubSubscriptionIamMember(s, id, { project: 'acme-prod', subscription: `s-${i}`, role: 'roles/pubsub.subscriber', member: member(a, i) }),
  google_kms_crypto_key_iam_member: (s, id, i, a) =>
    new KmsCryptoKeyIamMember(s, id, { cryptoKeyId: `projects/acme-prod/locations/global/keyRings/r/cryptoKeys/k-${i}`, role: 'roles/cloudkms.signer', member: member(a, i) }),
  google_project_iam_custom_role: (s, id, i) =>
    new ProjectIamCustomRole(s, id, { project: 'acme-prod', roleId: `bench_role_${i}`, title: `Role ${i}`, description: 'bench', permissions: ['storage.objects.delete'], stage: 'GA' }),
  google_iam_workload_identity_pool: (s, id, i) =>
    new IamWorkloadIdentityPool(s, id, { project: 'acme-prod', workloadIdentityPoolId: `pool-${i}`, displayName: `pool-${i}`, description: 'bench' }),
  google_iam_workload_identity_pool_provider: (s, id, i) =>
    new IamWorkloadIdentityPoolProvider(s, id, {
      project: 'acme-prod',
      workloadIdentityPoolId: 'pool-0',
      workloadIdentityPoolProviderId: `provider-${i}`,
      displayName: `provider-${i}`,
      attributeMapping: { 'google.subject': 'assertion.sub' },
      oidc: { issuerUri: `https://issuer-${i}.example.com` },
      attributeCondition: `assertion.sub in ["s-${i}"]`,
    }),
  azurerm_role_assignment: (s, id, i, a) =>
    new RoleAssignment(s, id, {
      scope: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa${i}/blobServices/default/containers/c`,
      roleDefinitionName: 'Storage Blob Data Reader',
      principalId: pick(a.uami, i).principalId,
      principalType: 'ServicePrincipal',
      description: `w${i}: read`,
    }),
  azurerm_federated_identity_credential: (s, id, i, a) =>
    new FederatedIdentityCredential(s, id, {
      name: `w${i}-github`,
      resourceGroupName: 'rg',
      parentId: pick(a.uami, i).id,
      issuer: 'https://token.actions.githubusercontent.com',
      subject: `repo:acme/s-${i}:environment:prod`,
      audience: ['api://AzureADTokenExchange'],
    }),
  azurerm_role_definition: (s, id, i) =>
    new RoleDefinition(s, id, {
      name: `bench role ${i}`,
      scope: '/subscriptions/0',
      description: 'bench',
      permissions: [{ dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'] }],
      assignableScopes: ['/subscriptions/0/resourceGroups/rg'],
    }),
  // Monitoring: one alert per identity on each cloud, with what a hand-written alert carries.
  aws_cloudwatch_metric_alarm: (s, id, i, a) =>
    new CloudwatchMetricAlarm(s, id, {
      alarmName: `bench-prod-w${i} denied calls`,
      alarmDescription: `Denied calls by workload w${i}: a missing grant or misuse of its credentials.`,
      namespace: 'Bench',
      metricName: 'denied-calls',
      dimensions: { Role: attribute(a.role, i, (r) => r.name, `bench-prod-w${i}`) },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: ['arn:aws:sns:us-east-1:111111111111:bench-alerts'],
      tags: tags(i),
    }),
  google_monitoring_alert_policy: (s, id, i, a) =>
    new MonitoringAlertPolicy(s, id, {
      project: 'acme-prod',
      displayName: `bench-prod-w${i}: denied calls`,
      combiner: 'OR',
      severity: 'WARNING',
      conditions: [
        {
          displayName: 'denied calls',
          conditionThreshold: {
            filter: `metric.type="logging.googleapis.com/user/denied-calls" AND metric.label.principal="${attribute(a.sa, i, (sa) => sa.email, `w${i}@acme-prod.iam.gserviceaccount.com`)}"`,
            comparison: 'COMPARISON_GT',
            thresholdValue: 0,
            duration: '0s',
            aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_SUM' }],
            trigger: { count: 1 },
          },
        },
      ],
      documentation: { content: `Denied calls by workload w${i}: a missing grant or misuse of its credentials.`, mimeType: 'text/markdown' },
      notificationChannels: ['projects/acme-prod/notificationChannels/1'],
      alertStrategy: { autoClose: '1800s' },
    }),
  azurerm_monitor_scheduled_query_rules_alert_v2: (s, id, i, a) =>
    new MonitorScheduledQueryRulesAlertV2(s, id, {
      name: `id-bench-prod-w${i}-denied-calls`,
      displayName: `id-bench-prod-w${i}: denied calls`,
      description: `Denied calls by workload w${i}: a missing grant or misuse of its credentials.`,
      resourceGroupName: 'rg',
      location: 'eastus',
      scopes: ['/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit'],
      severity: 2,
      evaluationFrequency: 'PT5M',
      windowDuration: 'PT5M',
      criteria: [
        {
          query: `AzureActivity | where Caller =~ "${attribute(a.uami, i, (u) => u.principalId, '00000000-0000-0000-0000-000000000000')}" and ActivityStatusValue in~ ("Failure", "Failed")`,
          timeAggregationMethod: 'Count',
          operator: 'GreaterThanOrEqual',
          threshold: 1,
          failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
        },
      ],
      action: { actionGroups: ['/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/bench'] },
      autoMitigationEnabled: true,
      skipQueryValidation: true,
      tags: tags(i),
    }),
  azurerm_monitor_diagnostic_setting: (s, id, i) =>
    new MonitorDiagnosticSetting(s, id, {
      name: `bench-audit-${i}`,
      targetResourceId: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv${i}`,
      logAnalyticsWorkspaceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit',
      enabledLog: [{ category: 'AuditEvent' }],
    }),
};

/** A resource type the table does not know (the app's one-per-environment resources): a plain TerraformResource with one attribute. */
const generic = (type: string): Emit => (s, id, i) => {
  const r = new TerraformResource(s, id, { terraformResourceType: type });
  r.addOverride('name', `bench-${i}`);
  return r;
};

const ORDER = Object.keys(EMITTERS);
const rank = (type: string) => (ORDER.includes(type) ? ORDER.indexOf(type) : ORDER.length);

if (process.env.BASELINE_TOKEN_STACKS === 'off') {
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, constructor?: Function) => {
    if (target instanceof Error) capture(target, constructor);
  };
}

const stacks = JSON.parse(readFileSync(process.env.BASELINE_CENSUS as string, 'utf8')) as StackCensus[];
const app = new App();
for (const { name, backend, resources, outputs } of stacks) {
  const stack = new TerraformStack(app, name);
  if (backend === 'cloud') new CloudBackend(stack, { organization: 'acme', workspaces: new NamedCloudWorkspace(name) });
  else new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
  const types = Object.keys(resources).sort((x, y) => rank(x) - rank(y));
  if (types.some((t) => t.startsWith('aws_'))) new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111111111111'] });
  if (types.some((t) => t.startsWith('google_'))) new GoogleProvider(stack, 'google', { project: 'acme-prod', region: 'us-central1' });
  if (types.some((t) => t.startsWith('azurerm_'))) new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000001' });
  const anchors: Anchors = { role: [], sa: [], uami: [] };
  for (const type of types) {
    const emit = EMITTERS[type] ?? generic(type);
    for (let i = 0; i < resources[type]; i++) emit(stack, `${type}_${i}`, i, anchors).overrideLogicalId(`${type}_${i}`);
  }
  // The identities' attributes as outputs, as a user publishes them for the workloads.
  const attributes = [...anchors.role.map((r) => r.arn), ...anchors.sa.map((sa) => sa.email), ...anchors.uami.map((u) => u.clientId)];
  for (let i = 0; i < outputs; i++) {
    new TerraformOutput(stack, `output_${i}`, { value: attributes.length ? pick(attributes, i) : `literal-${i}`, description: `Attribute ${i} of a workload's identity` }).overrideLogicalId(`output_${i}`);
  }
}
app.synth();
