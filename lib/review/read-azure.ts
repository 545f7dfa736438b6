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
import type { SynthesizedStack } from './synthesized-stacks';
import { readable, referenceIn, resourceAt, resourcesOf, str } from './synthesized-stacks';

const BY_ROLE = reverseAccessTable(grantTable('azure'), (rule: AzureRule) => ['role' in rule ? rule.role : permissionSetKey(rule.custom.dataActions)]);

/** The Azure targets of the kinds, recognized by their scope ids. */
const SCOPE_TARGETS = Object.entries(AZURE_TARGETS).map(([target, t]) => [t.matches, target] as const);

/** The identities of every `azurerm_user_assigned_identity` in the stack. */
export function readAzureIdentities(stack: SynthesizedStack): IdentityAccess[] {
  return resourcesOf(stack, 'azurerm_user_assigned_identity').map(([address, identity]) => {
    const workload = ((identity.tags ?? {}) as Record<string, string>).workload ?? address;
    return {
      workload,
      cloud: 'azure',
      address: `azurerm_user_assigned_identity.${address}`,
      name: str(identity, 'name') ?? address,
      settings: { resource_group_name: str(identity, 'resource_group_name') ?? '', location: str(identity, 'location') ?? '' },
      trusts: trustsOf(stack, address),
      grants: grantsOf(stack, address, workload),
    };
  });
}

function grantsOf(stack: SynthesizedStack, identity: string, workload: string): GrantAccess[] {
  const grants: GrantAccess[] = [];
  for (const [name, a] of resourcesOf(stack, 'azurerm_role_assignment')) {
    const principal = referenceIn(a.principal_id);
    if (principal?.type !== 'azurerm_user_assigned_identity' || principal.name !== identity) continue;
    const scope = str(a, 'scope') ?? '';
    const target = SCOPE_TARGETS.find(([re]) => re.test(scope))?.[1] ?? 'unknown';
    const ref = referenceIn(a.role_definition_id);
    const custom = ref?.type === 'azurerm_role_definition' ? resourceAt(stack, ref.type, ref.name) : undefined;
    const dataActions = custom ? ((custom.permissions as { data_actions?: string[] }[] | undefined)?.[0]?.data_actions ?? []) : [];
    const key = custom ? permissionSetKey(dataActions) : (str(a, 'role_definition_name') ?? readable(str(a, 'role_definition_id') ?? ''));
    const picked = pickCandidate(BY_ROLE.get(key), (r) => r.at, target, name);
    grants.push({
      resource: resourceFromAddress(name, workload, picked?.level, scope),
      ...(picked && { kind: picked.kind, level: picked.level }),
      native: { permissions: custom ? [`${str(custom, 'name')} (custom)`, ...[...dataActions].sort()] : [key], targets: [scope] },
      address: `azurerm_role_assignment.${name}`,
    });
  }
  return grants;
}

function trustsOf(stack: SynthesizedStack, identity: string): TrustAccess[] {
  const trusts = resourcesOf(stack, 'azurerm_federated_identity_credential')
    .filter(([, c]) => referenceIn(c.parent_id)?.type === 'azurerm_user_assigned_identity' && referenceIn(c.parent_id)?.name === identity)
    .map(([name, c]): TrustAccess => ({
      kind: 'oidc',
      issuer: readable(str(c, 'issuer') ?? ''),
      subject: readable(str(c, 'subject') ?? ''),
      audience: ((c.audience ?? []) as string[]).join(' | '),
      address: `azurerm_federated_identity_credential.${name}`,
    }));
  return trusts.length ? trusts : [{ kind: 'attached', issuer: 'an Azure runtime' }];
}
