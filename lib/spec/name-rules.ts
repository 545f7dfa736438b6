/**
 * Each cloud's naming rules for the fields that name a resource, checked after `{env}` is
 * expanded. A value that breaks them would only fail at apply time, far from the config.
 */
import type { Cloud, ResourceKind } from '../access/vocabulary';

interface NameRule {
  readonly pattern: RegExp;
  /** What the cloud requires, for the error message. */
  readonly rule: string;
}

const rule = (pattern: RegExp, text: string): NameRule => ({ pattern, rule: text });

/** S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export const S3_BUCKET_NAME = /^(?!xn--)(?!sthree-|amzn-s3-demo-)(?!.*\.\.)(?!.*(?:-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const s3Bucket = rule(S3_BUCKET_NAME, 'S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)');
const gcsBucket = rule(/^(?!goog)(?!.*\.\.)[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, 'GCS bucket name (3-63 lowercase letters, digits, dots, hyphens, underscores)');
const storageAccount = rule(/^[a-z0-9]{3,24}$/, 'Azure storage account name (3-24 lowercase letters and digits)');
const container = rule(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'Azure blob container name (3-63 lowercase letters, digits, single hyphens)');
const keyVault = rule(/^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, 'Key Vault name (3-24 letters, digits, single hyphens, starting with a letter)');
const keyVaultObject = rule(/^[A-Za-z0-9-]{1,127}$/, 'Key Vault object name (1-127 letters, digits, hyphens)');
const serviceBusNamespace = rule(/^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/, 'Service Bus namespace name (6-50 letters, digits, hyphens, starting with a letter)');
const serviceBusEntity = rule(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9_])?$/, 'Service Bus queue or topic name (1-260 letters, digits, . _ -)');
const resourceGroup = rule(/^[-\w._()]{0,89}[-\w_()]$/, 'Azure resource group name (1-90 letters, digits, . _ - ( ))');
const pubsubName = rule(/^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/, 'Pub/Sub name (3-255 characters, starting with a letter)');
const gcpKmsName = rule(/^[A-Za-z0-9_-]{1,63}$/, 'Cloud KMS name (1-63 letters, digits, _ -)');

/** Rules per cloud, kind and field. A field without a rule is accepted as a plain string. */
export const NAME_RULES: Readonly<Record<Cloud, Partial<Record<ResourceKind, Readonly<Record<string, NameRule>>>>>> = {
  aws: {
    bucket: { bucket: s3Bucket },
    secret: { name: rule(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'Secrets Manager secret name (1-512 letters, digits, / _ + = . @ -)') },
    // The .fifo suffix counts within the length: terraform-provider-aws internal/service/sqs/queue.go and
    // internal/service/sns/topic.go, resourceQueueCustomizeDiff / resourceTopicCustomizeDiff (`{1,75}\.fifo`, `{1,251}\.fifo`);
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html (QueueName).
    queue: { queue: rule(/^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/, 'SQS queue name (1-80 letters, digits, _ -, a .fifo suffix included)') },
    topic: { topic: rule(/^(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\.fifo)$/, 'SNS topic name (1-256 letters, digits, _ -, a .fifo suffix included)') },
    key: { keyId: rule(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/, 'KMS key id name (a key UUID or mrk- multi-Region id)') },
  },
  gcp: {
    bucket: { bucket: gcsBucket },
    secret: { secret: rule(/^[A-Za-z0-9_-]{1,255}$/, 'Secret Manager secret id name (1-255 letters, digits, _ -)') },
    queue: { topic: pubsubName, subscription: pubsubName },
    topic: { topic: pubsubName },
    key: { keyRing: gcpKmsName, key: gcpKmsName, location: rule(/^[a-z0-9-]{2,40}$/, 'Cloud KMS location, e.g. global or us-central1') },
  },
  azure: {
    bucket: { storageAccount, container, resourceGroup },
    secret: { vault: keyVault, secret: keyVaultObject, resourceGroup },
    queue: { namespace: serviceBusNamespace, queue: serviceBusEntity, resourceGroup },
    topic: { namespace: serviceBusNamespace, topic: serviceBusEntity, resourceGroup },
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
