/** Azure resource ids of the scopes that roles are assigned at: the resource itself. */
import type { AzureScopeTarget } from '../access/azure';
import type { AzureEnvironment, CloudResourceFields } from '../spec/types';

/** The resource group id holding a resource (the environment's unless the resource names one). */
export function resourceGroupId(fields: CloudResourceFields, azure: AzureEnvironment): string {
  return `/subscriptions/${azure.subscriptionId}/resourceGroups/${fields.resourceGroup ?? azure.resourceGroup}`;
}

/** The id of the narrowest scope a role for `target` is assigned at. */
export function azureScope(target: AzureScopeTarget, fields: CloudResourceFields, azure: AzureEnvironment): string {
  const rg = resourceGroupId(fields, azure);
  switch (target) {
    case 'container':
      return `${rg}/providers/Microsoft.Storage/storageAccounts/${fields.storageAccount}/blobServices/default/containers/${fields.container}`;
    case 'secret':
      return `${rg}/providers/Microsoft.KeyVault/vaults/${fields.vault}/secrets/${fields.secret}`;
    case 'key':
      return `${rg}/providers/Microsoft.KeyVault/vaults/${fields.vault}/keys/${fields.key}`;
    case 'queue':
      return `${rg}/providers/Microsoft.ServiceBus/namespaces/${fields.namespace}/queues/${fields.queue}`;
    case 'topic':
      return `${rg}/providers/Microsoft.ServiceBus/namespaces/${fields.namespace}/topics/${fields.topic}`;
  }
}
