/**
 * The JSON Schema of the config file. Built from the kinds (lib/kinds) so the two cannot
 * drift; `npm run schema` writes it to `identity.schema.json` for editors.
 */
import { CLOUDS } from '../access/vocabulary';
import { fieldsOf, GCP_TARGETS, KIND_NAMES, levelsOf, targetNames } from '../kinds';
import { runsOnSchema } from '../sources/forms';
import { HOSTNAME, HTTPS_URL, enumOf, obj, str } from '../spec/schema-parts';
import type { Schema } from '../spec/schema-parts';
import { DEFAULT_DENIED_CALLS, DEFAULT_RETENTION_DAYS, OPT_OUT_REASON_MIN_LENGTH, RETENTION_DAYS, WINDOW_MINUTES } from '../monitoring/neutral';

/** The extraAccess names that are more than one name, e.g. `cryptoKey: keyRing/key or location/keyRing/key`. */
const GCP_NAME_SHAPES = Object.entries(GCP_TARGETS)
  .flatMap(([on, t]) => (t.nameShape ? [`${on}: ${t.nameShape.text}`] : []))
  .join('; ');

const NAME = '^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$';
/** An environment name: it lands in every name made for the environment. */
export const ENV_NAME = '^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$';
const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/**
 * A Terraform Cloud organization: letters, digits, _ and - (https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/organizations#create-an-organization).
 * HCP Terraform documents no maximum length, nor does the tfe provider check one
 * (terraform-provider-tfe internal/provider/resource_tfe_organization.go, `name`): bounded like
 * runsOn.terraformCloud.organization, by what Google Cloud maps into google.subject (free-text.ts).
 */
const TFC_ORGANIZATION = '^[A-Za-z0-9_-]{1,127}$';

const previousNames = (what: string): Schema => ({
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', pattern: NAME, description: `an earlier name of this ${what}` },
  description: `earlier names of this ${what}, oldest first: renaming moves its Terraform resources instead of replacing them (see README, Safety)`,
});

/** Guardrail suppressions: a rule id, a reason of 10+ characters, optionally the finding ids. */
const suppress: Schema = {
  type: 'array',
  description: 'guardrail findings accepted on purpose, each with a reason',
  items: obj(
    {
      rule: str('a guardrail rule id, e.g. WI-AWS-001', { pattern: '^WI-[A-Z]+-[0-9]{3}$' }),
      reason: str('why the finding is acceptable (at least 10 characters)'),
      appliesTo: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: str('a finding id from the guardrail report, or its detail such as Action::s3:*'),
        description: 'the findings it covers (default: every finding of the rule in its scope)',
      },
    },
    ['rule', 'reason'],
  ),
};

const stringOrList = (description: string): Schema => ({
  description,
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }],
});

/** The escape hatch: native grants per cloud, checked by the guardrails like generated ones. */
const extraAccess = obj(
  {
    aws: {
      type: 'array',
      description: 'raw IAM policy statements added to the role policy ({env} is replaced, ${...} stays literal)',
      items: obj(
        {
          Sid: str('statement id', { pattern: '^[A-Za-z0-9]+$' }),
          Effect: enumOf(['Allow', 'Deny'], 'Allow or Deny'),
          Action: stringOrList('IAM actions'),
          NotAction: stringOrList('IAM actions excluded'),
          Resource: stringOrList('resource ARNs'),
          NotResource: stringOrList('resource ARNs excluded'),
          Condition: { type: 'object', description: 'IAM condition block: operator → key → value(s)', additionalProperties: { type: 'object' } },
        },
        ['Effect'],
      ),
    },
    gcp: {
      type: 'array',
      description: 'extra IAM role bindings of the service account',
      items: obj(
        {
          role: str('role, e.g. roles/storage.objectViewer or projects/P/roles/R', { pattern: '^(roles|projects/[a-z0-9-]+/roles|organizations/[0-9]+/roles)/[A-Za-z0-9_.]+$' }),
          on: enumOf([...targetNames(GCP_TARGETS), 'project'], 'what the binding is made on'),
          name: str(`the resource name (${GCP_NAME_SHAPES}); not for project`),
        },
        ['role', 'on'],
      ),
    },
    azure: {
      type: 'array',
      description: 'extra role assignments of the managed identity',
      items: obj(
        {
          role: str('a role name, or a role definition id /subscriptions/.../providers/Microsoft.Authorization/roleDefinitions/<guid>'),
          scope: str('the Azure resource id assigned at', { pattern: '^/' }),
        },
        ['role', 'scope'],
      ),
    },
  },
  [],
  'native grants beyond the access vocabulary, per cloud (escape hatch; the guardrails check them)',
);

const awsEnvironment = obj(
  {
    accountId: str('12-digit AWS account id (quote it in YAML)', { pattern: '^[0-9]{12}$' }),
    // No documented maximum: 25 bounds the value; region codes are shorter (ap-southeast-1: 14,
    // https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
    region: str('AWS region, e.g. us-east-1', { pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9]$', maxLength: 25 }),
    permissionsBoundaryArn: str('managed policy ARN attached as permissions boundary to every role', {
      pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]+$',
    }),
    outboundIssuer: str('the account outbound web identity federation issuer URL, for AWS workloads that need Azure', {
      pattern: HTTPS_URL,
    }),
    existingOidcProviders: {
      type: 'object',
      description:
        'IAM OIDC providers the account already has, by issuer URL (exactly as the workloads give it): no provider is made for those issuers, trusts name the given ARN',
      propertyNames: { pattern: HTTPS_URL },
      additionalProperties: str('the provider ARN, arn:aws:iam::<accountId>:oidc-provider/<issuer without https://>', {
        pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$',
      }),
    },
  },
  ['accountId', 'region'],
);

const gcpEnvironment = obj(
  {
    projectId: str('Google Cloud project id', { pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$' }),
    projectNumber: str('Google Cloud project number (quote it in YAML)', { pattern: '^[0-9]{6,20}$' }),
    // No documented maximum: 30 bounds the value; region names are shorter (northamerica-northeast1: 23,
    // https://cloud.google.com/compute/docs/regions-zones).
    region: str('Google Cloud region, e.g. us-central1', { pattern: '^[a-z]+-[a-z]+[0-9]+$', maxLength: 30 }),
    serviceAccountQuota: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      description: 'service accounts the project may hold, where its quota was raised (default 100, https://cloud.google.com/iam/quotas)',
    },
  },
  ['projectId', 'projectNumber', 'region'],
);

const azureEnvironment = obj(
  {
    subscriptionId: str('Azure subscription id', { pattern: GUID }),
    tenantId: str('Microsoft Entra tenant id', { pattern: GUID }),
    resourceGroup: str('default resource group of the identities and resources', {
      pattern: '^[-\\w._()]{0,89}[-\\w_()]$',
    }),
    // Azure documents no length for a location name; azurerm checks it against the cloud's own list of
    // locations at plan (go-azure-helpers resourcemanager/location/validation.go:18, EnhancedValidate).
    // 40 characters bound the value; public region names are shorter (germanywestcentral: 18).
    location: str('Azure location, e.g. eastus', { pattern: '^[a-z][a-z0-9]{1,39}$' }),
    tokenAudience: str('audience Azure-hosted workloads request when federating to AWS or GCP (default api://AzureADTokenExchange)'),
    tokenIssuer: str('issuer of those tokens (default https://login.microsoftonline.com/<tenantId>/v2.0)', {
      pattern: HTTPS_URL,
    }),
  },
  ['subscriptionId', 'tenantId', 'resourceGroup', 'location'],
);

const deniedCalls = obj(
  {
    threshold: { type: 'integer', minimum: 1, maximum: 10000, description: `denied calls that raise the alert (default ${DEFAULT_DENIED_CALLS.threshold})` },
    windowMinutes: {
      type: 'integer',
      enum: [...WINDOW_MINUTES],
      description: `the window they are counted in, minutes (default ${DEFAULT_DENIED_CALLS.windowMinutes})`,
    },
  },
  [],
  'how many denied calls in how long raise an alert',
);

const environmentMonitoring = obj(
  {
    notify: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: str('e-mail address', { pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }),
      description: 'who is told about denied calls',
    },
    webhooks: {
      type: 'array',
      uniqueItems: true,
      items: str('https URL', { pattern: HTTPS_URL }),
      description: 'https endpoints (a SIEM, chat, paging) that also receive every alert',
    },
    deniedCalls,
    retentionDays: { type: 'integer', enum: [...RETENTION_DAYS], description: `days the audit logs are kept (default ${DEFAULT_RETENTION_DAYS})` },
    aws: obj(
      {
        logGroup: str('an existing CloudWatch Logs group that an existing CloudTrail trail delivers to (no trail is made)', {
          pattern: '^[A-Za-z0-9_./#-]{1,512}$',
        }),
        snsTopicArn: str('an existing SNS topic that also receives every alert', { pattern: '^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$' }),
      },
      [],
    ),
    gcp: obj(
      {
        notificationChannels: {
          type: 'array',
          uniqueItems: true,
          items: str('an existing notification channel', { pattern: '^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/notificationChannels/[0-9]+$' }),
          description: 'existing Cloud Monitoring notification channels that also receive every alert',
        },
      },
      [],
    ),
    azure: obj(
      {
        workspaceId: str('an existing Log Analytics workspace resource id (no workspace is made)', {
          pattern: '^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[A-Za-z0-9-]{4,63}$',
        }),
        actionGroupId: str('an existing action group resource id that also receives every alert', {
          pattern: '^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/(?:M|m)icrosoft\\.(?:I|i)nsights/action(?:G|g)roups/[^/]+$',
        }),
        reuseDiagnosticSettings: {
          type: 'boolean',
          description:
            'the subscription and every audited resource already send their audit categories to workspaceId through settings managed elsewhere: make no diagnostic settings (Azure refuses a second setting that sends a category to the same workspace)',
        },
      },
      [],
    ),
  },
  ['notify'],
  'how the identities of this environment are audited and who is alerted',
);

const workloadMonitoring = obj(
  {
    deniedCalls,
    optOut: str(`no alerts for this workload's identities: the reason why (at least ${OPT_OUT_REASON_MIN_LENGTH} characters); audit logs still record it`),
  },
  [],
  "this workload's alert settings, overriding its environment's",
);

const environment = obj(
  {
    aws: awsEnvironment,
    gcp: gcpEnvironment,
    azure: azureEnvironment,
    monitoring: environmentMonitoring,
    terraformCloud: obj(
      {
        organization: str('Terraform Cloud organization (at most 127 characters)', { pattern: TFC_ORGANIZATION }),
        project: str('Terraform Cloud project of the workspace', { pattern: '^[A-Za-z0-9 _-]+$' }),
        hostname: str('Terraform Enterprise host name (default app.terraform.io): a DNS name of at most 253 characters, labels of at most 63', { pattern: HOSTNAME }),
      },
      ['organization'],
      'run this environment in a Terraform Cloud workspace named <app>-<env>; absent: local backend',
    ),
    manageWorkspaceVariables: {
      type: 'boolean',
      description:
        'a stack <app>-<env>_workspace-variables sets, with the tfe provider, the dynamic-credential environment variables ' +
        '(TFC_*_PROVIDER_AUTH, the role, service account and client id of each run phase) of the Terraform Cloud workspace ' +
        'of every workload of this environment that runs on terraformCloud (default false)',
    },
    protected: {
      type: 'boolean',
      description: 'production: identities and their trust carry prevent_destroy; a workload leaves only after a release with retired: true (default false)',
    },
    suppress,
    shards: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description:
        'split the workloads over this many stacks <app>-<env>_shard-<k> by a stable hash of their names, beside a stack <app>-<env> holding what they share (default 1: one stack)',
    },
  },
  ['monitoring'],
);

const resourceClouds = (kind: (typeof KIND_NAMES)[number]): Record<string, Schema> =>
  Object.fromEntries(
    CLOUDS.map((cloud) => {
      const { required, optional } = fieldsOf(kind, cloud);
      const props = Object.fromEntries([...required, ...optional].map((f) => [f, str(`${cloud} ${f}; {env} is replaced`)]));
      return [cloud, obj(props, [...required])];
    }),
  );

const resource: Schema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: enumOf(KIND_NAMES, 'what the resource is') },
  allOf: KIND_NAMES.map((kind) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: {
      properties: { kind: { const: kind }, previousNames: previousNames('resource'), ...resourceClouds(kind) },
      additionalProperties: false,
    },
  })),
};

const workload = obj(
  {
    description: str('what the workload does'),
    owner: str('the owning team, tagged on every identity', { pattern: '^[A-Za-z0-9][A-Za-z0-9 ._@/-]{0,62}$' }),
    runsOn: runsOnSchema,
    clouds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: enumOf(CLOUDS, 'a cloud'),
      description: 'clouds the workload gets an identity on (default: the cloud it runs on, plus every cloud of its environment where one of its grants names something)',
    },
    environments: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: str('an environment name'),
      description: 'environments the workload is deployed to (default: every environment)',
    },
    session: obj(
      {
        maxMinutes: {
          type: 'integer',
          minimum: 60,
          maximum: 720,
          description: 'longest credential session in minutes (default 60; AWS allows 60 to 720)',
        },
      },
      ['maxMinutes'],
    ),
    monitoring: workloadMonitoring,
    previousNames: previousNames('workload'),
    retired: {
      type: 'boolean',
      description: 'about to be removed: its identities lose prevent_destroy so the next release may delete them (default false)',
    },
    access: {
      type: 'array',
      description: 'what the workload may do',
      items: obj(
        {
          resource: str('a resource name from resources'),
          allow: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', description: `a level: ${KIND_NAMES.map((k) => `${k}: ${levelsOf(k).join(', ')}`).join('; ')}` },
          },
        },
        ['resource', 'allow'],
      ),
    },
    extraAccess,
    suppress,
  },
  ['description', 'owner', 'runsOn', 'access'],
);

/** The config file's JSON Schema (draft-07). */
export const configSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://workload-identity.dev/identity.schema.json',
  title: 'Workload identity config',
  type: 'object',
  required: ['app', 'environments', 'workloads'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    app: str('app name, the prefix of every name: 2-16 lowercase letters, digits, hyphens, starting with a letter', { pattern: '^[a-z][a-z0-9-]{1,15}$' }),
    environments: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: ENV_NAME },
      additionalProperties: environment,
    },
    resources: { type: 'object', propertyNames: { pattern: NAME }, additionalProperties: resource },
    workloads: { type: 'object', minProperties: 1, propertyNames: { pattern: NAME }, additionalProperties: workload },
  },
};
