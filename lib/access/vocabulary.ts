/**
 * The cloud-neutral access vocabulary: resource kinds, the levels each kind offers, and the
 * fields that name a resource on each cloud. Everything else (schema, validation, mappings)
 * is derived from this one table.
 */

/** The clouds this project synthesizes identities on. */
export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** One resource kind: what it means, its levels, and the fields naming it on each cloud. */
export interface KindDefinition {
  /** One line describing the kind, shown in errors and docs. */
  readonly description: string;
  /** The access levels, in order, each with its meaning. */
  readonly levels: Readonly<Record<string, string>>;
  /** Per cloud: the required fields that name the resource, and optional ones. */
  readonly fields: Readonly<Record<Cloud, { readonly required: readonly string[]; readonly optional?: readonly string[] }>>;
}

export const KINDS = {
  bucket: {
    description: 'an object store bucket (S3 bucket, GCS bucket, Azure blob container)',
    levels: {
      read: 'get and list objects',
      write: 'create and overwrite objects',
      delete: 'delete objects',
    },
    fields: {
      aws: { required: ['bucket'] },
      gcp: { required: ['bucket'] },
      azure: { required: ['storageAccount', 'container'], optional: ['resourceGroup'] },
    },
  },
  secret: {
    description: 'one secret (Secrets Manager secret, Secret Manager secret, Key Vault secret)',
    levels: { read: 'read the current value of that one secret' },
    fields: {
      aws: { required: ['name'] },
      gcp: { required: ['secret'] },
      azure: { required: ['vault', 'secret'], optional: ['resourceGroup'] },
    },
  },
  queue: {
    description: 'a work queue (SQS queue, Pub/Sub topic + subscription, Service Bus queue)',
    levels: { send: 'enqueue messages', consume: 'receive and delete (acknowledge) messages' },
    fields: {
      aws: { required: ['queue'] },
      gcp: { required: ['topic', 'subscription'] },
      azure: { required: ['namespace', 'queue'], optional: ['resourceGroup'] },
    },
  },
  topic: {
    description: 'a publish/subscribe topic (SNS topic, Pub/Sub topic, Service Bus topic)',
    levels: { publish: 'publish messages' },
    fields: {
      aws: { required: ['topic'] },
      gcp: { required: ['topic'] },
      azure: { required: ['namespace', 'topic'], optional: ['resourceGroup'] },
    },
  },
  key: {
    description: 'one cryptographic key (KMS key, Cloud KMS crypto key, Key Vault key), used never managed',
    levels: {
      encrypt: 'encrypt with that one key',
      decrypt: 'decrypt with that one key',
      sign: 'sign with that one key',
    },
    fields: {
      aws: { required: ['keyId'] },
      gcp: { required: ['keyRing', 'key'], optional: ['location'] },
      azure: { required: ['vault', 'key'], optional: ['resourceGroup'] },
    },
  },
} as const satisfies Record<string, KindDefinition>;

export type ResourceKind = keyof typeof KINDS;
export type LevelOf<K extends ResourceKind> = keyof (typeof KINDS)[K]['levels'] & string;
/** Any level of any kind. */
export type Level = { [K in ResourceKind]: LevelOf<K> }[ResourceKind];

/** Every kind's name, in declaration order. */
export const KIND_NAMES = Object.keys(KINDS) as ResourceKind[];

/** The levels of a kind, in declaration order. */
export function levelsOf(kind: ResourceKind): string[] {
  return Object.keys(KINDS[kind].levels);
}
