/**
 * The GCP and Azure mapping tables proven against the clouds' role catalogs: each level's role
 * exists, carries what the level means, and carries nothing of another level or of managing
 * the resource. The permissions below are written from the vocabulary's meanings.
 */
import { azureRule, gcpRule } from '../../lib/kinds';
import type { LevelOf, ResourceKind } from '../../lib/kinds';
import type { AzureRule, GcpRule } from '../../lib/kinds/kind';
import { azureActionMatches, readCarriedCatalogs } from '../helpers/catalogs';
import { EVERY_LEVEL } from '../helpers/every-level';

/** Every level of every kind as `<kind>/<level>`: a table keyed by it misses no new kind or level. */
type LevelId = { [K in ResourceKind]: `${K}/${LevelOf<K>}` }[ResourceKind];

/** GCP permissions each level needs. */
const GCP_NEEDS: Record<LevelId, string[]> = {
  'bucket/read': ['storage.objects.get', 'storage.objects.list'],
  'bucket/write': ['storage.objects.create'],
  'bucket/delete': ['storage.objects.delete'],
  'secret/read': ['secretmanager.versions.access'],
  'queue/send': ['pubsub.topics.publish'],
  'queue/consume': ['pubsub.subscriptions.consume'],
  'topic/publish': ['pubsub.topics.publish'],
  'key/encrypt': ['cloudkms.cryptoKeyVersions.useToEncrypt'],
  'key/decrypt': ['cloudkms.cryptoKeyVersions.useToDecrypt'],
  'key/sign': ['cloudkms.cryptoKeyVersions.useToSign'],
};

/** Managing a resource or its access: no level carries any of these. */
const GCP_NEVER = /(\.setIamPolicy|\.update|\.destroy|buckets\.delete|secrets\.delete|topics\.delete|subscriptions\.delete|versions\.add|cryptoKeys\.create)$/;

const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
/** Azure data actions each level needs. */
const AZURE_NEEDS: Record<LevelId, string[]> = {
  'bucket/read': [`${BLOBS}/read`],
  'bucket/write': [`${BLOBS}/write`, `${BLOBS}/add/action`],
  'bucket/delete': [`${BLOBS}/delete`],
  'secret/read': ['Microsoft.KeyVault/vaults/secrets/getSecret/action'],
  'queue/send': ['Microsoft.ServiceBus/namespaces/queues/send/action'],
  'queue/consume': ['Microsoft.ServiceBus/namespaces/queues/receive/action'],
  'topic/publish': ['Microsoft.ServiceBus/namespaces/topics/send/action'],
  'key/encrypt': ['Microsoft.KeyVault/vaults/keys/encrypt/action'],
  'key/decrypt': ['Microsoft.KeyVault/vaults/keys/decrypt/action'],
  'key/sign': ['Microsoft.KeyVault/vaults/keys/sign/action'],
};

/** Control-plane changes and secret/key management: no level carries any of these. */
const AZURE_NEVER = [
  '*/write',
  '*/delete',
  'Microsoft.Authorization/*',
  'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  'Microsoft.KeyVault/vaults/keys/create/action',
  'Microsoft.KeyVault/vaults/keys/update/action',
];

const levelsOfKind = (kind: string) => EVERY_LEVEL.filter(([k]) => k === kind).map(([k, l]) => `${k}/${l}` as LevelId);

const carried = readCarriedCatalogs();

describe('GCP roles against the predefined role catalog', () => {
  const catalog = carried.gcp.roles;
  const known = new Set(carried.gcp.permissions);
  const permissionsOf = (rule: GcpRule): readonly string[] => ('role' in rule ? catalog[rule.role]?.permissions ?? [] : rule.custom.permissions);

  it.each(EVERY_LEVEL.map(([k, l]) => [`${k}/${l}` as LevelId, k, l] as const))('%s: the role exists, carries the level and nothing beyond', (id, kind, level) => {
    const rule = gcpRule(kind, level);
    if ('role' in rule) expect([rule.role, catalog[rule.role]?.stage]).toEqual([rule.role, 'GA']);
    else for (const p of rule.custom.permissions) expect([p, known.has(p)]).toEqual([p, true]);
    const permissions = permissionsOf(rule);
    for (const p of GCP_NEEDS[id]) expect(permissions).toContain(p);
    const others = levelsOfKind(kind).filter((l) => l !== id && !GCP_NEEDS[l].every((p) => GCP_NEEDS[id].includes(p)));
    for (const other of others) for (const p of GCP_NEEDS[other]) expect([id, permissions.includes(p) ? p : 'none']).toEqual([id, 'none']);
    expect(permissions.filter((p) => GCP_NEVER.test(p) && !GCP_NEEDS[id].includes(p))).toEqual([]);
  });
});

describe('Azure roles against the built-in role catalog', () => {
  const catalog = carried.azure.roles;
  const allDataActions = carried.azure.dataActions;
  const grants = (rule: AzureRule) =>
    'role' in rule ? { actions: catalog[rule.role]?.actions ?? [], dataActions: catalog[rule.role]?.dataActions ?? [] } : { actions: [], dataActions: rule.custom.dataActions };
  const covers = (patterns: readonly string[], action: string) => patterns.some((p) => azureActionMatches(p, action));

  it.each(EVERY_LEVEL.map(([k, l]) => [`${k}/${l}` as LevelId, k, l] as const))('%s: the role exists, carries the level and nothing beyond', (id, kind, level) => {
    const rule = azureRule(kind, level);
    if ('role' in rule) expect([rule.role, !!catalog[rule.role]]).toEqual([rule.role, true]);
    else for (const a of rule.custom.dataActions) expect([a, covers(allDataActions, a)]).toEqual([a, true]);
    const { actions, dataActions } = grants(rule);
    for (const a of AZURE_NEEDS[id]) expect([a, covers(dataActions, a)]).toEqual([a, true]);
    const others = levelsOfKind(kind).filter((l) => l !== id && !AZURE_NEEDS[l].every((a) => covers(AZURE_NEEDS[id], a)));
    for (const other of others) for (const a of AZURE_NEEDS[other]) expect([id, a, covers(dataActions, a)]).toEqual([id, a, false]);
    for (const never of AZURE_NEVER) {
      const beyond = [...actions, ...dataActions].filter((a) => azureActionMatches(never, a) && !AZURE_NEEDS[id].includes(a));
      expect([id, never, beyond]).toEqual([id, never, []]);
    }
  });
});
