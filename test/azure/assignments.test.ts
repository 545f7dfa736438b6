/** Azure grants are assigned at the resource's own scope, with the role the level maps to. */
import { azureRule } from '../../lib/kinds';
import { EVERY_LEVEL, EVERY_LEVEL_CONFIG, workloadFor } from '../helpers/every-level';
import { ofType, synthStacks } from '../helpers/synth';
import { formatReference, parseReference } from '../../lib/terraform/reference';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dev';
/** Each kind's scope, written from the fixture's resources. */
const SCOPES: Record<string, string> = {
  bucket: `${RG}/providers/Microsoft.Storage/storageAccounts/acmefiles/blobServices/default/containers/files`,
  secret: `${RG}/providers/Microsoft.KeyVault/vaults/kv-acme/secrets/app-secret`,
  queue: `${RG}/providers/Microsoft.ServiceBus/namespaces/sb-acme-ns/queues/jobs`,
  topic: `${RG}/providers/Microsoft.ServiceBus/namespaces/sb-acme-ns/topics/events`,
  key: `${RG}/providers/Microsoft.KeyVault/vaults/kv-acme/keys/signing`,
};

describe('Azure role assignments', () => {
  const stack = synthStacks(EVERY_LEVEL_CONFIG)['acme-dev'];
  const assignments = ofType(stack, 'azurerm_role_assignment');
  const definitions = ofType(stack, 'azurerm_role_definition');

  it.each(EVERY_LEVEL.map(([k, l]) => [`${k}/${l}`, k, l]))('%s is assigned at the resource scope to the identity', (_id, kind, level) => {
    const name = workloadFor(kind, level);
    const assignment = assignments[`${name}_${kind}_${level}`];
    expect(assignment).toMatchObject({
      scope: SCOPES[kind],
      principal_id: formatReference({ type: IDENTITY_RESOURCES.azure.type, name, attribute: 'principal_id' }),
      principal_type: 'ServicePrincipal',
    });
    const rule = azureRule(kind, level);
    if ('role' in rule) {
      expect(assignment.role_definition_name).toBe(rule.role);
    } else {
      const ref = parseReference(assignment.role_definition_id);
      expect(ref).toMatchObject({ type: 'azurerm_role_definition', attribute: 'role_definition_resource_id' });
      expect(definitions[ref?.name as string]).toMatchObject({
        name: `acme-dev ${rule.custom.name}`,
        scope: '/subscriptions/00000000-0000-0000-0000-000000000001',
        assignable_scopes: [RG],
        permissions: [{ data_actions: rule.custom.dataActions }],
      });
    }
  });

  it('never assigns at a subscription or resource group', () => {
    for (const a of Object.values(assignments)) expect(a.scope).toMatch(/\/providers\/Microsoft\.\w+\/\w+\/[^/]+\/.+/);
  });

  it('tags every identity with app, environment, workload and owner', () => {
    for (const [name, identity] of Object.entries(ofType(stack, IDENTITY_RESOURCES.azure.type))) {
      expect(identity.tags).toEqual({ app: 'acme', environment: 'dev', workload: name, owner: `team-${name}` });
      expect(identity).toMatchObject({ resource_group_name: 'rg-dev', location: 'eastus', name: `id-acme-dev-${name}` });
    }
  });
});
