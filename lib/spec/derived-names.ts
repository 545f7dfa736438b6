/**
 * Every cloud name the synth derives from the config (lib/spec/names.ts), with the namespace the
 * cloud keeps it unique in and what in the config it comes from. The loader checks them all
 * (check-derived-names.ts): each against its cloud's rule, and no two in one namespace alike.
 *
 * Not listed, because they cannot clash unless a listed name does: alarm names (`<role> <event>s`,
 * unique per account and region, inside the role's account) and Azure alert rules
 * (`<identity>-denied-calls`, in the identity's resource group); per-identity names (inline policy
 * names, federated credential names) live inside their own identity; GCP pool provider ids
 * (`oidc-<hash of the issuer>`) differ for every issuer of a pool.
 */
import type { Cloud } from '../access/vocabulary';
import { azureRule, gcpRule } from '../kinds';
import { S3_BUCKET_NAME } from '../kinds/bucket';
import { formatPath } from './config-error';
import type { ConfigPath } from './config-error';
import { awsAuditBucketName, azureCustomRoleName, environmentNames, gcpCustomRoleId, gcpPoolId, identityNames } from './names';
import { originalName } from './renames';
import type { EnvironmentSpec, Spec } from './types';

/** One namespace of cloud names: a kind of resource whose names the cloud keeps unique within a scope. */
export type DerivedNameKind =
  | 'aws-iam-role'
  | 'aws-cloudtrail-trail'
  | 'aws-s3-bucket'
  | 'aws-log-group'
  | 'aws-sns-topic'
  | 'aws-metric'
  | 'gcp-service-account'
  | 'gcp-pool'
  | 'gcp-custom-role'
  | 'gcp-log-metric'
  | 'azure-managed-identity'
  | 'azure-custom-role'
  | 'azure-workspace'
  | 'azure-action-group'
  | 'azure-diagnostic-setting';

/** What a kind of name must be, and where it must be unique; every rule cites its source. */
export interface DerivedNameRule {
  readonly cloud: Cloud;
  /** The resource, as a message names it. */
  readonly what: string;
  /** Where the cloud keeps these names unique, and the source that says so. */
  readonly unique: string;
  /** The cloud's rule for the name, where it could be broken, with its source. */
  readonly valid?: { readonly pattern: RegExp; readonly rule: string; readonly source: string };
}

const GOOGLE = 'terraform-provider-google v6.50.0 google';
const AZURE_NAMES = 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules';

/** The rule of every kind of derived name. */
export const DERIVED_NAME_RULES: Readonly<Record<DerivedNameKind, DerivedNameRule>> = {
  'aws-iam-role': {
    cloud: 'aws',
    what: 'IAM role',
    unique: 'per account, case-insensitive (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names)',
    valid: { pattern: /^[\w+=,.@-]{1,64}$/, rule: '1-64 letters, digits, + = , . @ _ -', source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html' },
  },
  'aws-cloudtrail-trail': {
    cloud: 'aws',
    what: 'CloudTrail trail',
    // Unique per account and region; the trail made here is multi-region, so it stands in every region of its account.
    unique: 'per account and region, a multi-region trail in all of them (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trails.html)',
    valid: {
      pattern: /^(?!.*[._-]{2})(?!\d+\.\d+\.\d+\.\d+$)[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/,
      rule: '3-128 letters, digits, . _ -, starting and ending with a letter or digit, no two of . _ - in a row',
      source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html',
    },
  },
  'aws-s3-bucket': {
    cloud: 'aws',
    what: 'S3 bucket',
    unique: 'across every AWS account (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
    valid: { pattern: S3_BUCKET_NAME, rule: '3-63 lowercase letters, digits, . -, no reserved prefix or suffix (xn--, sthree-, -s3alias...)', source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html' },
  },
  'aws-log-group': {
    cloud: 'aws',
    what: 'CloudWatch Logs group',
    unique: 'per account and region (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)',
    valid: { pattern: /^[.\-_/#A-Za-z0-9]{1,512}$/, rule: '1-512 letters, digits, . - _ / #', source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html' },
  },
  'aws-sns-topic': {
    cloud: 'aws',
    what: 'SNS topic',
    unique: 'per account and region (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html)',
    valid: { pattern: /^[A-Za-z0-9_-]{1,256}$/, rule: '1-256 letters, digits, _ -', source: 'terraform-provider-aws internal/service/sns/topic.go, resourceTopicCustomizeDiff' },
  },
  'aws-metric': {
    cloud: 'aws',
    what: 'CloudWatch metric',
    unique: 'per namespace, account and region (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric)',
    valid: { pattern: /^[^:*$]{1,255}$/, rule: '1-255 characters, none of : * $', source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html' },
  },
  'gcp-service-account': {
    cloud: 'gcp',
    what: 'service account',
    unique: `per project (${GOOGLE}/services/resourcemanager/resource_google_service_account.go:74)`,
    valid: {
      pattern: /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/,
      rule: '6-30 lowercase letters, digits, -, starting with a letter, ending with a letter or digit',
      source: `${GOOGLE}/services/resourcemanager/resource_google_service_account.go:73, ValidateRFC1035Name(6, 30) in google/verify/validation.go:164`,
    },
  },
  'gcp-pool': {
    cloud: 'gcp',
    what: 'workload identity pool',
    unique: 'per project (https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools/create)',
    valid: {
      pattern: /^(?!gcp-)[0-9a-z-]{4,32}$/,
      rule: '4-32 lowercase letters, digits, -, not starting with gcp-',
      source: `${GOOGLE}/services/iambeta/resource_iam_workload_identity_pool.go:40-64`,
    },
  },
  'gcp-custom-role': {
    cloud: 'gcp',
    what: 'custom role',
    unique: 'per project (https://cloud.google.com/iam/docs/creating-custom-roles#naming)',
    valid: { pattern: /^[a-zA-Z0-9_.]{3,64}$/, rule: '3-64 letters, digits, _ .', source: `${GOOGLE}/verify/validation.go:49 (IAMCustomRoleIDRegex)` },
  },
  'gcp-log-metric': {
    cloud: 'gcp',
    what: 'log-based metric',
    unique: 'per project (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.metrics)',
    valid: {
      pattern: /^[A-Za-z0-9_\-.,+!*'()%][A-Za-z0-9_\-.,+!*'()%/]{0,99}$/,
      rule: "1-100 letters, digits, _-.,+!*'()%/, not starting with /",
      source: `${GOOGLE}/services/logging/resource_logging_metric.go:68-71`,
    },
  },
  'azure-managed-identity': {
    cloud: 'azure',
    what: 'managed identity',
    unique: `per resource group (${AZURE_NAMES}#microsoftmanagedidentity)`,
    valid: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/, rule: '3-128 letters, digits, _ -, starting with a letter or digit', source: `${AZURE_NAMES}#microsoftmanagedidentity` },
  },
  'azure-custom-role': {
    cloud: 'azure',
    what: 'custom role',
    unique: 'per Microsoft Entra tenant (https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties, Name)',
  },
  'azure-workspace': {
    cloud: 'azure',
    what: 'Log Analytics workspace',
    unique: `per resource group (${AZURE_NAMES}#microsoftoperationalinsights)`,
    valid: {
      pattern: /^(?=.{4,63}$)[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/,
      rule: '4-63 letters, digits, -, starting and ending with a letter or digit',
      source: 'terraform-provider-azurerm internal/services/loganalytics/validate/log_analytics_workspace_name.go:12-17',
    },
  },
  'azure-action-group': {
    cloud: 'azure',
    what: 'action group',
    unique: `per resource group (${AZURE_NAMES}#microsoftinsights)`,
    valid: { pattern: /^[^:<>+/&%\\?|\p{Cc}]{0,259}[^:<>+/&%\\?|\p{Cc}. ]$/u, rule: '1-260 characters, none of :<>+/&%\\?| , not ending with . or space', source: `${AZURE_NAMES}#microsoftinsights` },
  },
  'azure-diagnostic-setting': {
    cloud: 'azure',
    what: 'diagnostic setting of the subscription',
    unique: 'per resource it is set on (https://learn.microsoft.com/rest/api/monitor/subscription-diagnostic-settings/create-or-update)',
    valid: { pattern: /^[^*/%&:\\<>?+#\p{Cc}]{1,260}$/u, rule: '1-260 characters, none of */%&:\\<>?+#', source: `${AZURE_NAMES}#microsoftinsights` },
  },
};

/** What in the config a name comes from. */
export interface NameOwner {
  readonly path: ConfigPath;
  /** As a message says it: `workloads.a-b in environment dev`. */
  readonly text: string;
  /** What to change when its name breaks a rule. */
  readonly fix: string;
}

/** One derived name: its namespace (kind and scope), the name, and what it comes from. */
export interface DerivedName {
  readonly kind: DerivedNameKind;
  /** The namespace within the kind: an account, project, resource group... `key` compares, `text` is shown. */
  readonly scope: { readonly key: string; readonly text: string };
  readonly name: string;
  readonly owner: NameOwner;
}

/** Every name derived from the spec, over all environments. */
export function derivedNames(spec: Spec): DerivedName[] {
  return spec.environments.flatMap((env) => [...environmentLevel(spec.app, env), ...workloadLevel(spec.app, env)]);
}

const awsAccount = (env: EnvironmentSpec) => ({ key: `aws/${env.aws?.accountId}`, text: `account ${env.aws?.accountId}` });
const awsRegion = (env: EnvironmentSpec) => ({ key: `aws/${env.aws?.accountId}/${env.aws?.region}`, text: `account ${env.aws?.accountId} in ${env.aws?.region}` });
const gcpProject = (env: EnvironmentSpec) => ({ key: `gcp/${env.gcp?.projectId}`, text: `project ${env.gcp?.projectId}` });
// Azure resource group names are case-insensitive (resource-name-rules: "Resource and resource group names are case-insensitive").
const azureGroup = (env: EnvironmentSpec) => ({ key: `azure/${env.azure?.subscriptionId}/${env.azure?.resourceGroup}`.toLowerCase(), text: `resource group ${env.azure?.resourceGroup}` });
const azureTenant = (env: EnvironmentSpec) => ({ key: `azure/${env.azure?.tenantId}`.toLowerCase(), text: `tenant ${env.azure?.tenantId}` });
const azureSubscription = (env: EnvironmentSpec) => ({ key: `azure/${env.azure?.subscriptionId}`.toLowerCase(), text: `subscription ${env.azure?.subscriptionId}` });

function environmentLevel(app: string, env: EnvironmentSpec): DerivedName[] {
  const names = environmentNames(app, env.name);
  const of = (what: string): NameOwner => ({ path: ['environments', env.name], text: `the ${what} of environment ${env.name}`, fix: 'change the app or environment name' });
  const out: DerivedName[] = [];
  const add = (kind: DerivedNameKind, scope: DerivedName['scope'], name: string, what = DERIVED_NAME_RULES[kind].what) => out.push({ kind, scope, name, owner: of(what) });
  if (env.aws) {
    if (!env.monitoring.aws.logGroup) {
      add('aws-cloudtrail-trail', awsAccount(env), names.awsTrail);
      add('aws-s3-bucket', { key: 'aws', text: 'every AWS account' }, awsAuditBucketName(app, env.name, env.aws.accountId), 'audit log bucket');
      add('aws-log-group', awsRegion(env), names.awsLogGroup);
      add('aws-iam-role', awsAccount(env), names.awsDeliveryRole, 'CloudTrail delivery role');
    }
    add('aws-sns-topic', awsRegion(env), names.awsAlertTopic, 'alert topic');
    add('aws-metric', awsRegion(env), names.awsDeniedMetric, 'denied-calls metric');
    add('aws-metric', awsRegion(env), names.awsFailedAssumeMetric, 'failed-assumes metric');
  }
  if (env.gcp) {
    add('gcp-pool', gcpProject(env), gcpPoolId(app, env.name));
    add('gcp-log-metric', gcpProject(env), names.gcpDeniedMetric, 'denied-calls metric');
    add('gcp-log-metric', gcpProject(env), names.gcpFailedExchangeMetric, 'failed-exchanges metric');
  }
  if (env.azure) {
    if (!env.monitoring.azure.workspaceId) add('azure-workspace', azureGroup(env), names.azureWorkspace);
    add('azure-action-group', azureGroup(env), names.azureActionGroup);
    if (!env.monitoring.azure.reuseDiagnosticSettings) add('azure-diagnostic-setting', azureSubscription(env), names.azureDiagnosticSetting, 'Activity Log diagnostic setting');
  }
  for (const role of customRoles(env)) {
    if (role.cloud === 'gcp') add('gcp-custom-role', gcpProject(env), gcpCustomRoleId(app, env.name, role.id), `custom role ${role.id}`);
    else add('azure-custom-role', azureTenant(env), azureCustomRoleName(app, env.name, role.id), `custom role ${role.id}`);
  }
  return out;
}

/** The custom roles an environment makes: one per custom level its workloads use (lib/gcp/custom-roles.ts, lib/azure/custom-roles.ts). */
function customRoles(env: EnvironmentSpec): { cloud: 'gcp' | 'azure'; id: string }[] {
  const roles = new Map<string, { cloud: 'gcp' | 'azure'; id: string }>();
  for (const w of env.workloads) {
    for (const { resource, levels } of w.grants) {
      for (const level of levels) {
        const gcp = gcpRule(resource.kind, level);
        if (w.clouds.includes('gcp') && resource.clouds.gcp && 'custom' in gcp) roles.set(`gcp/${gcp.custom.id}`, { cloud: 'gcp', id: gcp.custom.id });
        const azure = azureRule(resource.kind, level);
        if (w.clouds.includes('azure') && resource.clouds.azure && 'custom' in azure) roles.set(`azure/${azure.custom.name}`, { cloud: 'azure', id: azure.custom.name });
      }
    }
  }
  return [...roles.values()];
}

function workloadLevel(app: string, env: EnvironmentSpec): DerivedName[] {
  return env.workloads.flatMap((w) => {
    const names = identityNames(app, env.name, originalName(w));
    const owner: NameOwner = { path: ['workloads', w.name], text: `${formatPath(['workloads', w.name])} in environment ${env.name}`, fix: 'rename the workload' };
    const out: DerivedName[] = [];
    if (w.clouds.includes('aws') && env.aws) out.push({ kind: 'aws-iam-role', scope: awsAccount(env), name: names.awsRole, owner });
    if (w.clouds.includes('gcp') && env.gcp) out.push({ kind: 'gcp-service-account', scope: gcpProject(env), name: names.gcpAccountId, owner });
    if (w.clouds.includes('azure') && env.azure) out.push({ kind: 'azure-managed-identity', scope: azureGroup(env), name: names.azureIdentity, owner });
    return out;
  });
}
