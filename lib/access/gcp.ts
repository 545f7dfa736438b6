/**
 * Google Cloud mapping of the access vocabulary: per kind and level, the role bound on the
 * resource itself. A predefined role where one matches the level; a custom role where every
 * predefined one carries more than the level means. Proven against the role catalog in tests.
 */
import type { LevelOf, ResourceKind } from './vocabulary';

/** What a binding is made on (see `lib/gcp/bindings.ts`). */
export type GcpBindingTarget = 'bucket' | 'secret' | 'topic' | 'subscription' | 'cryptoKey';

/** A custom role, made once per project that uses it. */
export interface GcpCustomRole {
  /** Suffix of the role id, e.g. `objectDeleter`. */
  readonly id: string;
  readonly title: string;
  readonly permissions: readonly string[];
}

export type GcpRule = { readonly on: GcpBindingTarget } & ({ readonly role: string } | { readonly custom: GcpCustomRole });

type GcpTable = { readonly [K in ResourceKind]: { readonly [L in LevelOf<K>]: GcpRule } };

export const GCP_ACCESS: GcpTable = {
  bucket: {
    read: { role: 'roles/storage.objectViewer', on: 'bucket' },
    write: { role: 'roles/storage.objectCreator', on: 'bucket' },
    delete: { custom: { id: 'objectDeleter', title: 'Object deleter', permissions: ['storage.objects.delete'] }, on: 'bucket' },
  },
  secret: {
    read: { role: 'roles/secretmanager.secretAccessor', on: 'secret' },
  },
  queue: {
    send: { role: 'roles/pubsub.publisher', on: 'topic' },
    consume: { role: 'roles/pubsub.subscriber', on: 'subscription' },
  },
  topic: {
    publish: { role: 'roles/pubsub.publisher', on: 'topic' },
  },
  key: {
    encrypt: { role: 'roles/cloudkms.cryptoKeyEncrypter', on: 'cryptoKey' },
    decrypt: { role: 'roles/cloudkms.cryptoKeyDecrypter', on: 'cryptoKey' },
    sign: { role: 'roles/cloudkms.signer', on: 'cryptoKey' },
  },
};
