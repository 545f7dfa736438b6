/**
 * What several Azure kinds' resources live in: the resource group (every kind may name its own),
 * a Key Vault (secrets and keys) and a Service Bus namespace (queues and topics), each with its
 * naming rule and the diagnostic settings that audit it.
 */
import type { AzureAuditedResource, AzurePlace, Fields } from './kind';
import { nameRule } from './name-rule';

const AZURERM = 'terraform-provider-azurerm v4.55.0 internal/services';
const AZURE_NAMES = 'https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules';

/** The provider's validation (file:line) of an azurerm name. */
export const azurermSource = (path: string): string => `${AZURERM}/${path}`;

/** The resource group id holding a resource (the environment's unless the resource names one). */
export function resourceGroupId(fields: Fields, azure: AzurePlace): string {
  return `/subscriptions/${azure.subscriptionId}/resourceGroups/${fields.resourceGroup ?? azure.resourceGroup}`;
}

/** The optional `resourceGroup` field every Azure kind has. */
export const RESOURCE_GROUP = {
  resourceGroup: nameRule(/^[-\w._()]{0,89}[-\w_()]$/, 'Azure resource group name (1-90 letters, digits, . _ - ( ), not ending with .)', 'go-azure-helpers resourcemanager/resourcegroups/validate.go:12-29'),
};

/** The id of a Key Vault, from the `vault` field. */
export const keyVaultId = (fields: Fields, azure: AzurePlace): string => `${resourceGroupId(fields, azure)}/providers/Microsoft.KeyVault/vaults/${fields.vault}`;

// The provider checks 3-24 [a-zA-Z0-9-] (keyvault/validate/vault_name.go:13); Azure also asks for a leading letter,
// a trailing letter or digit and no two hyphens in a row.
export const KEY_VAULT_NAME = nameRule(/^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, 'Key Vault name (3-24 letters, digits, single hyphens, starting with a letter)', `${AZURE_NAMES}#microsoftkeyvault`);
export const KEY_VAULT_OBJECT_NAME = nameRule(/^[A-Za-z0-9-]{1,127}$/, 'Key Vault object name (1-127 letters, digits, hyphens)', `${azurermSource('keyvault/validate/nested_item_name.go:14')}; ${AZURE_NAMES}#microsoftkeyvault`);

export const KEY_VAULT_AUDIT: AzureAuditedResource = {
  kind: 'keyvault',
  id: keyVaultId,
  name: (f) => f.vault,
  logs: [{ category: 'AuditEvent' }],
};

/** The id of a Service Bus namespace, from the `namespace` field. */
export const serviceBusId = (fields: Fields, azure: AzurePlace): string => `${resourceGroupId(fields, azure)}/providers/Microsoft.ServiceBus/namespaces/${fields.namespace}`;

export const SERVICE_BUS_NAMESPACE_NAME = nameRule(
  /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$(?<!-sb|-mgmt)/,
  'Service Bus namespace name (6-50 letters, digits, hyphens, starting with a letter, not ending with -sb or -mgmt)',
  azurermSource('servicebus/validate/namespace_name.go:19-32'),
);

export const SERVICE_BUS_AUDIT: AzureAuditedResource = {
  kind: 'servicebus',
  id: serviceBusId,
  name: (f) => f.namespace,
  // Data-plane calls (send, receive, their authorization). Azure records them on Premium namespaces only
  // (https://learn.microsoft.com/azure/azure-monitor/reference/tables/azmsruntimeauditlogs).
  logs: [{ category: 'RuntimeAuditLogs' }],
  destinationType: 'Dedicated',
};
