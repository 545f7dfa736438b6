/**
 * Azure mapping of the access vocabulary: per kind and level, the role assigned at the
 * resource's own scope. A built-in role where one matches the level; a custom role where
 * every built-in one carries more (Storage Blob Data Contributor also deletes; Key Vault
 * Crypto User also manages keys). Proven against the role catalog in tests.
 */
import type { LevelOf, ResourceKind } from './vocabulary';

/** The scope a role is assigned at (see `lib/azure/scopes.ts`). */
export type AzureScopeTarget = 'container' | 'secret' | 'queue' | 'topic' | 'key';

/** A custom role definition, made once per environment that uses it. */
export interface AzureCustomRole {
  /** Suffix of the role name, e.g. `blob writer`. */
  readonly name: string;
  readonly description: string;
  readonly dataActions: readonly string[];
}

export type AzureRule = { readonly at: AzureScopeTarget } & ({ readonly role: string } | { readonly custom: AzureCustomRole });

type AzureTable = { readonly [K in ResourceKind]: { readonly [L in LevelOf<K>]: AzureRule } };

const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const KEYS = 'Microsoft.KeyVault/vaults/keys';

export const AZURE_ACCESS: AzureTable = {
  bucket: {
    read: { role: 'Storage Blob Data Reader', at: 'container' },
    write: {
      custom: { name: 'blob writer', description: 'Create and overwrite blobs', dataActions: [`${BLOBS}/write`, `${BLOBS}/add/action`] },
      at: 'container',
    },
    delete: { custom: { name: 'blob deleter', description: 'Delete blobs', dataActions: [`${BLOBS}/delete`] }, at: 'container' },
  },
  secret: {
    read: { role: 'Key Vault Secrets User', at: 'secret' },
  },
  queue: {
    send: { role: 'Azure Service Bus Data Sender', at: 'queue' },
    consume: { role: 'Azure Service Bus Data Receiver', at: 'queue' },
  },
  topic: {
    publish: { role: 'Azure Service Bus Data Sender', at: 'topic' },
  },
  key: {
    encrypt: { custom: { name: 'key encrypter', description: 'Encrypt with one key', dataActions: [`${KEYS}/encrypt/action`] }, at: 'key' },
    decrypt: { custom: { name: 'key decrypter', description: 'Decrypt with one key', dataActions: [`${KEYS}/decrypt/action`] }, at: 'key' },
    sign: { custom: { name: 'key signer', description: 'Sign with one key', dataActions: [`${KEYS}/sign/action`] }, at: 'key' },
  },
};
