/**
 * Every Azure stack asks azurerm to register exactly the resource providers its resources need,
 * and nothing else (lib/azure/resource-providers.ts). The namespaces below are transcribed from
 * azurerm v4.55.0: the go-azure-sdk package each resource's file imports, which names the ARM
 * namespace its requests go to.
 */
import { ofType, synthStacks } from '../helpers/synth';
import type { StackJson } from '../helpers/synth';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';

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

  const stacks = Object.fromEntries(configs.map(([name, yaml]) => [name, Object.values(synthStacks(yaml))[0]]));

  it.each(configs)('with %s: exactly what the resources need, registered by azurerm only where missing', (name) => {
    const stack = stacks[name];
    expect(registrations(stack)).toEqual({ mode: 'none', list: needed(stack) });
    expect(needed(stack)).toContain('Microsoft.ManagedIdentity');
    expect(needed(stack).includes('Microsoft.OperationalInsights')).toBe(Object.keys(ofType(stack, 'azurerm_log_analytics_workspace')).length > 0);
  });

  it('an existing workspace needs no Microsoft.OperationalInsights registration', () => {
    expect((registrations(stacks['an existing workspace'])?.list as string[])).toEqual(['Microsoft.Insights', 'Microsoft.ManagedIdentity']);
  });
});
