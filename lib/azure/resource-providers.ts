/**
 * The Azure resource providers a stack's resources need registered in its subscription. A fresh
 * subscription has few registered, and an apply on an unregistered one fails with
 * MissingSubscriptionRegistration. The stacks set azurerm's `resource_provider_registrations =
 * "none"` (v4.55's default, "legacy", registers dozens this project never uses, each needing its
 * register permission on the subscription: internal/provider/provider.go:339-351,
 * internal/resourceproviders/required.go) and list exactly these in `resource_providers_to_register`:
 * azurerm registers only those the subscription lacks and calls nothing when all are registered
 * (internal/resourceproviders/registration.go:25-55, requiring_registration.go:12-34).
 */
import type { IConstruct } from 'constructs';
import { TerraformResource } from 'cdktf';

/** The azurerm resource types this project emits. */
export type AzurermResourceType =
  | 'azurerm_user_assigned_identity'
  | 'azurerm_federated_identity_credential'
  | 'azurerm_role_assignment'
  | 'azurerm_role_definition'
  | 'azurerm_log_analytics_workspace'
  | 'azurerm_monitor_action_group'
  | 'azurerm_monitor_diagnostic_setting'
  | 'azurerm_monitor_scheduled_query_rules_alert_v2';

/**
 * Each type's resource provider, from the go-azure-sdk package its azurerm v4.55 resource calls
 * (the import of internal/services/<service>/<resource>_resource.go). Microsoft.Authorization is
 * registered on every subscription (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-services-resource-providers,
 * "registered by default"): undefined, nothing to register.
 */
export const AZURE_RESOURCE_PROVIDERS: Readonly<Record<AzurermResourceType, string | undefined>> = {
  azurerm_user_assigned_identity: 'Microsoft.ManagedIdentity', // managedidentity/2024-11-30/identities
  azurerm_federated_identity_credential: 'Microsoft.ManagedIdentity', // managedidentity/2024-11-30/federatedidentitycredentials
  azurerm_role_assignment: undefined, // authorization/2022-04-01/roleassignments
  azurerm_role_definition: undefined, // authorization/2022-05-01-preview/roledefinitions
  azurerm_log_analytics_workspace: 'Microsoft.OperationalInsights', // operationalinsights/2022-10-01/workspaces
  azurerm_monitor_action_group: 'Microsoft.Insights', // insights/2023-01-01/actiongroupsapis
  azurerm_monitor_diagnostic_setting: 'Microsoft.Insights', // insights/2021-05-01-preview/diagnosticsettings
  azurerm_monitor_scheduled_query_rules_alert_v2: 'Microsoft.Insights', // insights/2023-03-15-preview/scheduledqueryrules
};

/** The resource providers the azurerm resources under `scope` need, sorted. */
export function resourceProvidersOf(scope: IConstruct): string[] {
  const needed = new Set<string>();
  for (const c of scope.node.findAll()) {
    if (!(c instanceof TerraformResource) || !c.terraformResourceType.startsWith('azurerm_')) continue;
    const type = c.terraformResourceType as AzurermResourceType;
    if (!(type in AZURE_RESOURCE_PROVIDERS)) throw new Error(`${type}: no resource provider known for it (lib/azure/resource-providers.ts)`);
    const provider = AZURE_RESOURCE_PROVIDERS[type];
    if (provider) needed.add(provider);
  }
  return [...needed].sort();
}
