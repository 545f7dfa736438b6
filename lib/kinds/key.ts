/** One cryptographic key, used never managed: KMS key, Cloud KMS crypto key, Key Vault key. */
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { arnService, regionalBase } from './aws-arns';
import { KEY_VAULT_AUDIT, KEY_VAULT_NAME, KEY_VAULT_OBJECT_NAME, keyVaultId, RESOURCE_GROUP } from './azure-parents';
import { defineKind } from './kind';
import type { Fields, GcpPlace } from './kind';
import { nameRule } from './name-rule';

const KEYS = 'Microsoft.KeyVault/vaults/keys';
const cloudKmsName = nameRule(/^[A-Za-z0-9_-]{1,63}$/, 'Cloud KMS name (1-63 letters, digits, _ -)', 'https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings/create (keyRingId; cryptoKeyId the same)');

/** The full resource name of a Cloud KMS crypto key. */
const cryptoKeyId = (f: Fields, gcp: GcpPlace) => `projects/${gcp.projectId}/locations/${f.location ?? 'global'}/keyRings/${f.keyRing}/cryptoKeys/${f.key}`;

export const key = defineKind({
  description: 'one cryptographic key (KMS key, Cloud KMS crypto key, Key Vault key), used never managed',
  levels: {
    encrypt: { means: 'encrypt with that one key', mutates: false },
    decrypt: { means: 'decrypt with that one key', mutates: false },
    sign: { means: 'sign with that one key', mutates: true },
  },
  aws: {
    naming: {
      required: {
        keyId: nameRule(
          /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
          'KMS key id name (a key UUID or mrk- multi-Region id)',
          'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id',
        ),
      },
    },
    targets: {
      key: { arn: (f, aws) => `${regionalBase('kms', aws)}key/${f.keyId}`, parse: (arn) => (arnService(arn) === 'kms' ? arn : undefined) },
    },
    grants: {
      encrypt: [{ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], on: 'key' }],
      decrypt: [{ actions: ['kms:Decrypt'], on: 'key' }],
      sign: [{ actions: ['kms:Sign'], on: 'key' }],
    },
  },
  gcp: {
    naming: {
      required: { keyRing: cloudKmsName, key: cloudKmsName },
      // No documented length for a location (https://cloud.google.com/kms/docs/locations): 40 bounds it, the longest is shorter.
      optional: { location: nameRule(/^[a-z0-9-]{2,40}$/, 'Cloud KMS location, e.g. global or us-central1', 'https://cloud.google.com/kms/docs/locations') },
    },
    targets: {
      cryptoKey: {
        member: KmsCryptoKeyIamMember,
        props: (f, gcp) => ({ cryptoKeyId: cryptoKeyId(f, gcp) }),
        attribute: 'crypto_key_id',
        noun: 'crypto key',
        policy: cryptoKeyId,
        fieldsOf: (name) => {
          const [location, keyRing, key] = name.split('/').length === 3 ? name.split('/') : ['global', ...name.split('/')];
          return { location, keyRing, key };
        },
        nameShape: { pattern: /^(?:[a-z0-9-]+\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/, text: 'keyRing/key or location/keyRing/key' },
      },
    },
    grants: {
      encrypt: { role: 'roles/cloudkms.cryptoKeyEncrypter', on: 'cryptoKey' },
      decrypt: { role: 'roles/cloudkms.cryptoKeyDecrypter', on: 'cryptoKey' },
      sign: { role: 'roles/cloudkms.signer', on: 'cryptoKey' },
    },
    audit: {
      service: 'cloudkms.googleapis.com',
      resourceTypes: ['cloudkms_cryptokey'],
      logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
      source: 'https://cloud.google.com/kms/docs/audit-logging (service); type observed in public queries of Encrypt/Decrypt entries',
      evidence: 'observed',
    },
  },
  azure: {
    naming: { required: { vault: KEY_VAULT_NAME, key: KEY_VAULT_OBJECT_NAME }, optional: RESOURCE_GROUP },
    targets: {
      key: { scope: (f, a) => `${keyVaultId(f, a)}/keys/${f.key}`, matches: /\/keys\/[^/]+$/, vault: (f) => f.vault },
    },
    grants: {
      encrypt: { custom: { name: 'key encrypter', description: 'Encrypt with one key', dataActions: [`${KEYS}/encrypt/action`] }, at: 'key' },
      decrypt: { custom: { name: 'key decrypter', description: 'Decrypt with one key', dataActions: [`${KEYS}/decrypt/action`] }, at: 'key' },
      sign: { custom: { name: 'key signer', description: 'Sign with one key', dataActions: [`${KEYS}/sign/action`] }, at: 'key' },
    },
    audit: KEY_VAULT_AUDIT,
  },
});
