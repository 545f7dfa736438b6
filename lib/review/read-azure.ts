/**
 * Azure identities read back from a synthesized stack: each `azurerm_user_assigned_identity`,
 * the role assignments to its principal (levels recovered from the role through the kinds'
 * Azure grants, custom roles by their data actions, the target from the scope), and its
 * federated identity credentials.
 *
 * Relies on: the `workload` tag (else the address); references to the identity; assignment
 * addresses `<workload>_<resource>_<level>` for the config resource name and to break ties.
 */
import { AZURE_TARGETS, grantTable } from '../kinds';
import type { AzureRule } from '../kinds/kind';
import type { GrantAccess, IdentityAccess, TrustAccess } from './access-model';
import { permissionSetKey, pickCandidate, resourceFromAddress, reverseAccessTable } from './reverse-access';
import { formatAddress } from '../terraform/address';
import { IDENTITY_RESOURCES } from '../terraform/identity-resources';
import { readable, referenceIn, refersTo } from '../terraform/reference';
import { resourceAt, resourcesOf, stringField } from '../terraform/stack-json';
import type { StackJson } from '../terraform/stack-json';

const BY_ROLE = reverseAccessTable(grantTable('azure'), (rule: AzureRule) => ['role' in rule ? rule.role : permissionSetKey(rule.custom.dataActions)]);

/** The Azure targets of the kinds, recognized by their scope ids. */
const SCOPE_TARGETS = Object.entries(AZURE_TARGETS).map(([target, t]) => [t.matches, target] as const);

/** The identities of every `azurerm_user_assigned_identity` in the stack. */
export function readAzureIdentities(stack: StackJson): IdentityAccess[] {
  const { type, nameField, tagsOf } = IDENTITY_RESOURCES.azure;
  return resourcesOf(stack, type).map(([address, identity]) => {
    const workload = (tagsOf(identity).workload as string | undefined) ?? address;
    return {
      workload,
      cloud: 'azure',
      address: formatAddress({ type, name: address }),
      name: stringField(identity, nameField) ?? address,
      settings: { resource_group_name: stringField(identity, 'resource_group_name') ?? '', location: stringField(identity, 'location') ?? '' },
      trusts: trustsOf(stack, address),
      grants: grantsOf(stack, address, workload),
    };
  });
}

function grantsOf(stack: StackJson, identity: string, workload: string): GrantAccess[] {
  const grants: GrantAccess[] = [];
  for (const [name, a] of resourcesOf(stack, 'azurerm_role_assignment')) {
    if (!refersTo(a.principal_id, { type: IDENTITY_RESOURCES.azure.type, name: identity })) continue;
    const scope = stringField(a, 'scope') ?? '';
    const target = SCOPE_TARGETS.find(([re]) => re.test(scope))?.[1] ?? 'unknown';
    const ref = referenceIn(a.role_definition_id);
    const custom = ref?.type === 'azurerm_role_definition' ? resourceAt(stack, ref.type, ref.name) : undefined;
    const dataActions = custom ? ((custom.permissions as { data_actions?: string[] }[] | undefined)?.[0]?.data_actions ?? []) : [];
    const key = custom ? permissionSetKey(dataActions) : (stringField(a, 'role_definition_name') ?? readable(stringField(a, 'role_definition_id') ?? ''));
    const picked = pickCandidate(BY_ROLE.get(key), (r) => r.at, target, name);
    grants.push({
      resource: resourceFromAddress(name, workload, picked?.level, scope),
      ...(picked && { kind: picked.kind, level: picked.level }),
      native: { permissions: custom ? [`${stringField(custom, 'name')} (custom)`, ...[...dataActions].sort()] : [key], targets: [scope] },
      address: formatAddress({ type: 'azurerm_role_assignment', name }),
    });
  }
  return grants;
}

function trustsOf(stack: StackJson, identity: string): TrustAccess[] {
  const trusts = resourcesOf(stack, 'azurerm_federated_identity_credential')
    .filter(([, c]) => refersTo(c.parent_id, { type: IDENTITY_RESOURCES.azure.type, name: identity }))
    .map(([name, c]): TrustAccess => ({
      kind: 'oidc',
      issuer: readable(stringField(c, 'issuer') ?? ''),
      subject: readable(stringField(c, 'subject') ?? ''),
      audience: ((c.audience ?? []) as string[]).join(' | '),
      address: formatAddress({ type: 'azurerm_federated_identity_credential', name }),
    }));
  return trusts.length ? trusts : [{ kind: 'attached', issuer: 'an Azure runtime' }];
}
