/**
 * Known Azure apply faults, avoided in what the stacks emit (README, Safety: known cloud faults),
 * each held on the synthesized JSON against the provider source it comes from:
 *
 * - custom role definitions are assigned only after they replicate: azurerm v4.55 neither waits
 *   for a new definition nor retries an assignment that names one Azure does not know yet
 *   (lib/azure/custom-roles.ts). Each assignment of a definition of its own stack depends on a
 *   `time_sleep` long enough, which a replaced definition re-triggers; assignments of built-in roles
 *   do not wait; a shard's assignments refer to the definitions of the shared stack, applied (and
 *   waited for) first;
 * - an assignment inside a Key Vault grants nothing when the vault uses access policies, so each one
 *   carries a plan-time precondition on the vault's permission model (lib/azure/vault-rbac.ts),
 *   its attributes held against azurerm v4.55.0's data source
 *   (internal/services/keyvault/key_vault_data_source.go): `name` Required with validate.VaultName
 *   (:33-37), `resource_group_name` Required (:39, ResourceGroupNameForDataSource), and
 *   `rbac_authorization_enabled` Computed (:122-125), read from the vault's enableRbacAuthorization (:210);
 * - every Azure stack asks azurerm to register exactly the resource providers its resources need
 *   (lib/azure/resource-providers.ts). The namespaces are transcribed from azurerm v4.55.0: the
 *   go-azure-sdk package each resource's file imports, which names the ARM namespace its requests go to.
 */
import { ROLE_DEFINITION_REPLICATION_SECONDS } from '../../lib/azure/custom-roles';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import type { StackJson } from '../../lib/terraform/stack-json';
import { ofType, synthStacks } from '../helpers/synth';
import { parseReference } from '../../lib/terraform/reference';

const stacks = synthStacks(EVERY_LEVEL_CONFIG);
const [stack] = Object.values(stacks);

/** Seconds of a Go duration as time_sleep parses it (time.ParseDuration), for the forms used here. */
const seconds = (d: unknown) => {
  const m = /^(\d+)(s|m)$/.exec(String(d));
  if (!m) throw new Error(`unexpected duration ${String(d)}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
};

/** Assignments of a stack that name a role definition of the same stack, with that definition's address. */
const customAssignments = (stack: StackJson) =>
  Object.entries(ofType(stack, 'azurerm_role_assignment')).flatMap(([address, a]) => {
    const ref = parseReference(a.role_definition_id);
    return ref?.type === 'azurerm_role_definition' && ref.attribute === 'role_definition_resource_id' ? [{ address, a, definition: ref.name, reference: String(a.role_definition_id) }] : [];
  });

describe('custom role definitions are assigned after they replicate', () => {
  const withCustom = Object.entries(stacks).filter(([, s]) => customAssignments(s).length);

  it('has custom roles to check', () => {
    expect(withCustom.length).toBeGreaterThan(0);
  });

  it.each(withCustom)('%s: every custom-role assignment depends on a long enough wait that its definition triggers', (_name, stack) => {
    const sleeps = ofType(stack, 'time_sleep');
    expect(ROLE_DEFINITION_REPLICATION_SECONDS).toBeGreaterThanOrEqual(600);
    for (const { address, a, reference } of customAssignments(stack)) {
      const waits = ((a.depends_on ?? []) as string[]).filter((d) => d.startsWith('time_sleep.')).map((d) => sleeps[d.slice('time_sleep.'.length)]);
      const covering = waits.filter(
        (s) => s && seconds(s.create_duration) >= 600 && Object.values((s.triggers ?? {}) as Record<string, string>).includes(reference),
      );
      expect([address, covering.length]).toEqual([address, 1]);
    }
  });

  it.each(withCustom)('%s: assignments of built-in roles do not wait', (_name, stack) => {
    const builtIn = Object.values(ofType(stack, 'azurerm_role_assignment')).filter((a) => a.role_definition_name);
    expect(builtIn.length).toBeGreaterThan(0);
    for (const a of builtIn) expect(a.depends_on).toBeUndefined();
  });
});

describe('in a sharded environment', () => {
  const yaml = EVERY_LEVEL_CONFIG.replace(/(\n {2}dev:\n)/, '$1    shards: 2\n');
  const stacks = synthStacks(yaml);
  const shared = Object.entries(stacks).find(([name]) => !name.includes('_shard-'));
  const shards = Object.entries(stacks).filter(([name]) => name.includes('_shard-'));

  it('waits in the shared stack, which makes the definitions, and refers to them from the shards without a wait of their own', () => {
    expect(yaml).toContain('shards: 2');
    expect(shards.length).toBe(2);
    const [, sharedStack] = shared as [string, StackJson];
    expect(Object.keys(ofType(sharedStack, 'azurerm_role_definition')).length).toBeGreaterThan(0);
    expect(Object.keys(ofType(sharedStack, 'time_sleep'))).toContain('custom_roles_replicated');
    // The shards name the shared stack's definitions (cdktf carries them through its outputs at app synth).
    const named = shards.flatMap(([, s]) => customAssignments(s).map((c) => c.definition));
    expect(named.length).toBeGreaterThan(0);
    for (const definition of named) expect(ofType(sharedStack, 'azurerm_role_definition')[definition]).toBeDefined();
    for (const [, s] of shards) {
      expect(ofType(s, 'azurerm_role_definition')).toEqual({});
      for (const a of Object.values(ofType(s, 'azurerm_role_assignment'))) expect(a.depends_on).toBeUndefined();
    }
  });
});

/** azurerm's validate.VaultName (internal/services/keyvault/validate/vault_name.go:13). */
const VAULT_NAME = /^[a-zA-Z0-9-]{3,24}$/;

describe('role assignments inside a Key Vault need the vault on Azure RBAC', () => {
  const assignments = Object.entries(ofType(stack, 'azurerm_role_assignment'));
  const vaults = (stack.data?.azurerm_key_vault ?? {}) as Record<string, Record<string, unknown>>;
  const inVault = assignments.filter(([, a]) => /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\//.test(String(a.scope)));

  it('has assignments in vaults, and others', () => {
    expect(inVault.length).toBeGreaterThan(0);
    expect(inVault.length).toBeLessThan(assignments.length);
  });

  it.each(inVault)('%s: a precondition on rbac_authorization_enabled of the very vault its scope is in', (_address, a) => {
    const [, rg, vault] = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)\//.exec(String(a.scope)) ?? [];
    const [pre] = ((a.lifecycle as { precondition?: { condition: string; error_message: string }[] } | undefined)?.precondition ?? []);
    const [, read] = /^\$\{data\.azurerm_key_vault\.([^.]+)\.rbac_authorization_enabled\}$/.exec(pre?.condition ?? '') ?? [];
    expect(vaults[read]).toEqual({ name: vault, resource_group_name: rg });
    expect(pre.error_message).toContain(`Key Vault ${vault} (resource group ${rg}) uses access policies`);
  });

  it('reads each vault once per stack, with attributes the data source accepts; no other assignment has a precondition', () => {
    const names = Object.values(vaults).map((v) => `${v.resource_group_name}/${v.name}`);
    expect(new Set(names).size).toBe(names.length);
    for (const v of Object.values(vaults)) {
      expect(v.name).toMatch(VAULT_NAME);
      expect(typeof v.resource_group_name).toBe('string');
      expect(Object.keys(v).sort()).toEqual(['name', 'resource_group_name']);
    }
    for (const [, a] of assignments.filter((x) => !inVault.includes(x))) expect(a.lifecycle).toBeUndefined();
  });
});

const NAMESPACE_OF: Readonly<Record<string, string | null>> = {
  azurerm_user_assigned_identity: 'Microsoft.ManagedIdentity', // managedidentity/user_assigned_identity_resource.go:17
  azurerm_federated_identity_credential: 'Microsoft.ManagedIdentity', // managedidentity/federated_identity_credential_resource.go:14
  azurerm_log_analytics_workspace: 'Microsoft.OperationalInsights', // loganalytics/log_analytics_workspace_resource.go:23
  azurerm_monitor_action_group: 'Microsoft.Insights', // monitor/monitor_action_group_resource.go:17
  azurerm_monitor_diagnostic_setting: 'Microsoft.Insights', // monitor/monitor_diagnostic_setting_resource.go:18
  azurerm_monitor_scheduled_query_rules_alert_v2: 'Microsoft.Insights', // monitor/monitor_scheduled_query_rules_alert_v2_resource.go:15
  // authorization/role_assignment_resource.go:17, role_definition_resource.go:15: Microsoft.Authorization, registered by default.
  azurerm_role_assignment: null,
  azurerm_role_definition: null,
};

const registrations = (stack: StackJson) => {
  const [azurerm] = (stack.provider?.azurerm ?? []) as Record<string, unknown>[];
  return azurerm && { mode: azurerm.resource_provider_registrations, list: azurerm.resource_providers_to_register };
};

const needed = (stack: StackJson) =>
  [...new Set(Object.keys(stack.resource ?? {}).filter((t) => t.startsWith('azurerm_')).map((t) => {
    if (!(t in NAMESPACE_OF)) throw new Error(`${t} is not in the table`);
    return NAMESPACE_OF[t];
  }).filter((n): n is string => !!n))].sort();

describe('resource providers to register', () => {
  const workspace = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/shared';
  const configs: [string, string][] = [
    ['a new workspace', EVERY_LEVEL_CONFIG],
    ['an existing workspace', EVERY_LEVEL_CONFIG.replace('monitoring: { notify: [secops@example.com] }', `monitoring: { notify: [secops@example.com], azure: { workspaceId: ${workspace} } }`)],
  ];

  const byConfig: Record<string, StackJson> = { 'a new workspace': stack, 'an existing workspace': Object.values(synthStacks(configs[1][1]))[0] };

  it.each(configs)('with %s: exactly what the resources need, registered by azurerm only where missing', (name) => {
    const stack = byConfig[name];
    expect(registrations(stack)).toEqual({ mode: 'none', list: needed(stack) });
    expect(needed(stack)).toContain('Microsoft.ManagedIdentity');
    expect(needed(stack).includes('Microsoft.OperationalInsights')).toBe(Object.keys(ofType(stack, 'azurerm_log_analytics_workspace')).length > 0);
  });

  it('an existing workspace needs no Microsoft.OperationalInsights registration', () => {
    expect((registrations(byConfig['an existing workspace'])?.list as string[])).toEqual(['Microsoft.Insights', 'Microsoft.ManagedIdentity']);
  });
});
