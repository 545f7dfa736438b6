/**
 * Each cloud's naming rules for the fields that name a resource, checked after `{env}` is
 * expanded. A value that breaks them would only fail at apply time, far from the config.
 */
import type { Cloud, ResourceKind } from '../access/vocabulary';

interface NameRule {
  readonly pattern: RegExp;
  /** What the cloud requires, for the error message. */
  readonly rule: string;
  /** Where the rule comes from: the provider's validation (file:line) or the cloud's documentation. */
  readonly source: string;
}

const rule = (pattern: RegExp, text: string, source: string): NameRule => ({ pattern, rule: text, source });

const AZURERM = 'terraform-provider-azurerm v4.55.0 internal/services';
const AZURE_NAMES = 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules';

/** S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export const S3_BUCKET_NAME = /^(?!xn--)(?!sthree-|amzn-s3-demo-)(?!.*\.\.)(?!.*(?:-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const s3Bucket = rule(S3_BUCKET_NAME, 'S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html');
// 3-63 characters, or up to 222 with dots, each dot-separated part at most 63; not an IP address; no goog prefix,
// no "google" (close misspellings of it are refused too, and are not listed). The provider checks none of it
// (terraform-provider-google v6.50.0 google/services/storage/resource_storage_bucket.go:85-90).
const gcsBucket = rule(
  /^(?!goog)(?!.*google)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)(?!.*[^.]{64})(?=.{3,222}$)[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
  'GCS bucket name (3-63 lowercase letters, digits, dots, hyphens, underscores; up to 222 with dots)',
  'https://cloud.google.com/storage/docs/buckets#naming',
);
const storageAccount = rule(/^[a-z0-9]{3,24}$/, 'Azure storage account name (3-24 lowercase letters and digits)', `${AZURERM}/storage/validate/storage_account_name.go:14`);
// The provider checks 3-63 [0-9a-z-] not starting with - (storage_container.go:18-28); Azure also refuses a
// trailing hyphen and two in a row.
const container = rule(
  /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  'Azure blob container name (3-63 lowercase letters, digits, single hyphens)',
  'https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata#container-names',
);
// The provider checks 3-24 [a-zA-Z0-9-] (keyvault/validate/vault_name.go:13); Azure also asks for a leading letter,
// a trailing letter or digit and no two hyphens in a row.
const keyVault = rule(/^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, 'Key Vault name (3-24 letters, digits, single hyphens, starting with a letter)', `${AZURE_NAMES}#microsoftkeyvault`);
const keyVaultObject = rule(/^[A-Za-z0-9-]{1,127}$/, 'Key Vault object name (1-127 letters, digits, hyphens)', `${AZURERM}/keyvault/validate/nested_item_name.go:14; ${AZURE_NAMES}#microsoftkeyvault`);
const serviceBusNamespace = rule(
  /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$(?<!-sb|-mgmt)/,
  'Service Bus namespace name (6-50 letters, digits, hyphens, starting with a letter, not ending with -sb or -mgmt)',
  `${AZURERM}/servicebus/validate/namespace_name.go:19-32`,
);
// The provider also lets / and ~ pass (queue_name.go:15, topic_name.go:15): refused here, they would change the
// meaning of the resource id the name is placed in.
const serviceBusQueue = rule(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9_])?$/, 'Service Bus queue name (1-260 letters, digits, . _ -)', `${AZURERM}/servicebus/validate/queue_name.go:15`);
const serviceBusTopic = rule(
  /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9])?$/,
  'Service Bus topic name (1-260 letters, digits, . _ -, ending with a letter or digit)',
  `${AZURERM}/servicebus/validate/topic_name.go:15`,
);
const resourceGroup = rule(/^[-\w._()]{0,89}[-\w_()]$/, 'Azure resource group name (1-90 letters, digits, . _ - ( ), not ending with .)', 'go-azure-helpers resourcemanager/resourcegroups/validate.go:12-29');
const pubsubName = rule(
  /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/,
  'Pub/Sub name (3-255 characters, starting with a letter)',
  'https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names (the provider checks none: resource_pubsub_topic.go:61-67)',
);
const gcpKmsName = rule(/^[A-Za-z0-9_-]{1,63}$/, 'Cloud KMS name (1-63 letters, digits, _ -)', 'https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings/create (keyRingId; cryptoKeyId the same)');

/** Rules per cloud, kind and field. A field without a rule is accepted as a plain string. */
export const NAME_RULES: Readonly<Record<Cloud, Partial<Record<ResourceKind, Readonly<Record<string, NameRule>>>>>> = {
  aws: {
    bucket: { bucket: s3Bucket },
    secret: { name: rule(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'Secrets Manager secret name (1-512 letters, digits, / _ + = . @ -)', 'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html') },
    // The .fifo suffix counts within the length: terraform-provider-aws internal/service/sqs/queue.go and
    // internal/service/sns/topic.go, resourceQueueCustomizeDiff / resourceTopicCustomizeDiff (`{1,75}\.fifo`, `{1,251}\.fifo`).
    queue: {
      queue: rule(
        /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/,
        'SQS queue name (1-80 letters, digits, _ -, a .fifo suffix included)',
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html; terraform-provider-aws internal/service/sqs/queue.go, resourceQueueCustomizeDiff',
      ),
    },
    topic: {
      topic: rule(
        /^(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\.fifo)$/,
        'SNS topic name (1-256 letters, digits, _ -, a .fifo suffix included)',
        'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html; terraform-provider-aws internal/service/sns/topic.go, resourceTopicCustomizeDiff',
      ),
    },
    key: {
      keyId: rule(
        /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
        'KMS key id name (a key UUID or mrk- multi-Region id)',
        'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id',
      ),
    },
  },
  gcp: {
    bucket: { bucket: gcsBucket },
    secret: {
      secret: rule(
        /^[A-Za-z0-9_-]{1,255}$/,
        'Secret Manager secret id name (1-255 letters, digits, _ -)',
        'https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create (secretId; the provider checks none: resource_secret_manager_secret.go:174-179)',
      ),
    },
    queue: { topic: pubsubName, subscription: pubsubName },
    topic: { topic: pubsubName },
    // No documented length for a location (https://cloud.google.com/kms/docs/locations): 40 bounds it, the longest is shorter.
    key: { keyRing: gcpKmsName, key: gcpKmsName, location: rule(/^[a-z0-9-]{2,40}$/, 'Cloud KMS location, e.g. global or us-central1', 'https://cloud.google.com/kms/docs/locations') },
  },
  azure: {
    bucket: { storageAccount, container, resourceGroup },
    secret: { vault: keyVault, secret: keyVaultObject, resourceGroup },
    queue: { namespace: serviceBusNamespace, queue: serviceBusQueue, resourceGroup },
    topic: { namespace: serviceBusNamespace, topic: serviceBusTopic, resourceGroup },
    key: { vault: keyVault, key: keyVaultObject, resourceGroup },
  },
};

/** The rule a field value breaks, or undefined when it is valid. */
export function brokenNameRule(cloud: Cloud, kind: ResourceKind, field: string, value: string): string | undefined {
  // An own field only: a field named `constructor` must not find Object.prototype's.
  const rules = NAME_RULES[cloud][kind];
  const r = rules && Object.hasOwn(rules, field) ? rules[field] : undefined;
  return r && !r.pattern.test(value) ? r.rule : undefined;
}
