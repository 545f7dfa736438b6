/**
 * The JSON Schema of the config file. Built from the access vocabulary so the two cannot
 * drift; `npm run schema` writes it to `identity.schema.json` for editors.
 */
import { CLOUDS, KINDS, KIND_NAMES, levelsOf } from '../access/vocabulary';

type Schema = Record<string, unknown>;

const NAME = '^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$';
const ENV_NAME = '^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$';
const HTTPS_URL = '^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$&\'()*+,;=:@/-]*)?$';
const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', minLength: 1, description, ...extra });
const obj = (properties: Record<string, Schema>, required: string[], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});
const enumOf = (values: readonly string[], description: string): Schema => ({ type: 'string', enum: [...values], description });

const awsEnvironment = obj(
  {
    accountId: str('12-digit AWS account id (quote it in YAML)', { pattern: '^[0-9]{12}$' }),
    region: str('AWS region, e.g. us-east-1', { pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9]$' }),
    permissionsBoundaryArn: str('managed policy ARN attached as permissions boundary to every role', {
      pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]+$',
    }),
    outboundIssuer: str('the account outbound web identity federation issuer URL, for AWS workloads that need Azure', {
      pattern: HTTPS_URL,
    }),
  },
  ['accountId', 'region'],
);

const gcpEnvironment = obj(
  {
    projectId: str('Google Cloud project id', { pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$' }),
    projectNumber: str('Google Cloud project number (quote it in YAML)', { pattern: '^[0-9]{6,20}$' }),
    region: str('Google Cloud region, e.g. us-central1', { pattern: '^[a-z]+-[a-z]+[0-9]+$' }),
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
    location: str('Azure location, e.g. eastus', { pattern: '^[a-z0-9]+$' }),
    tokenAudience: str('audience Azure-hosted workloads request when federating to AWS or GCP (default api://AzureADTokenExchange)'),
    tokenIssuer: str('issuer of those tokens (default https://login.microsoftonline.com/<tenantId>/v2.0)', {
      pattern: HTTPS_URL,
    }),
  },
  ['subscriptionId', 'tenantId', 'resourceGroup', 'location'],
);

const environment = obj(
  {
    aws: awsEnvironment,
    gcp: gcpEnvironment,
    azure: azureEnvironment,
    monitoring: obj(
      {
        notify: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: str('e-mail address', { pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }),
          description: 'who is told about denied calls',
        },
      },
      ['notify'],
    ),
    terraformCloud: obj(
      {
        organization: str('Terraform Cloud organization', { pattern: '^[A-Za-z0-9_-]+$' }),
        project: str('Terraform Cloud project of the workspace', { pattern: '^[A-Za-z0-9 _-]+$' }),
        hostname: str('Terraform Enterprise host name (default app.terraform.io)', { pattern: '^[a-z0-9.-]+$' }),
      },
      ['organization'],
      'run this environment in a Terraform Cloud workspace named <app>-<env>; absent: local backend',
    ),
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
      const { required, optional = [] } = KINDS[kind].fields[cloud] as { required: readonly string[]; optional?: readonly string[] };
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
      properties: { kind: { const: kind }, ...resourceClouds(kind) },
      additionalProperties: false,
    },
  })),
};

const runsOn = {
  type: 'object',
  description: 'where the workload runs: exactly one of these',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    aws: enumOf(['lambda', 'ecs-task', 'ec2'], 'AWS runtime'),
    gcp: enumOf(['cloud-run', 'cloud-functions', 'compute'], 'Google Cloud runtime'),
    azure: enumOf(['functions', 'container-apps', 'app-service'], 'Azure runtime'),
    kubernetes: obj(
      {
        issuer: str('the cluster OIDC issuer URL (EKS, GKE or AKS)', { pattern: HTTPS_URL }),
        namespace: str('Kubernetes namespace'),
        serviceAccount: str('Kubernetes service account'),
      },
      ['issuer', 'namespace', 'serviceAccount'],
    ),
    github: obj(
      {
        repository: str('OWNER/REPO'),
        environment: str('GitHub environment the job runs in (exactly one of environment, ref)'),
        ref: str('git ref the job runs on, e.g. refs/heads/main (exactly one of environment, ref)'),
      },
      ['repository'],
    ),
    terraformCloud: obj(
      {
        organization: str('Terraform Cloud organization'),
        project: str('Terraform Cloud project'),
        workspace: str('Terraform Cloud workspace'),
        runPhase: enumOf(['plan', 'apply'], 'the run phase trusted'),
        hostname: str('Terraform Enterprise host name (default app.terraform.io)', { pattern: '^[a-z0-9.-]+$' }),
      },
      ['organization', 'project', 'workspace', 'runPhase'],
    ),
    oidc: obj(
      {
        issuer: str('issuer URL', { pattern: HTTPS_URL }),
        subject: str('the exact sub claim'),
        audience: str('the aud claim the workload requests'),
      },
      ['issuer', 'subject', 'audience'],
    ),
  },
};

const workload = obj(
  {
    description: str('what the workload does'),
    owner: str('the owning team, tagged on every identity', { pattern: '^[A-Za-z0-9][A-Za-z0-9 ._@/-]{0,62}$' }),
    runsOn,
    clouds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: enumOf(CLOUDS, 'a cloud'),
      description: 'clouds the workload gets an identity on (default: every cloud its environment configures)',
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
