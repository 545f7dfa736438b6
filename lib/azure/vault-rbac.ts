/**
 * Role assignments on a Key Vault's secrets and keys do nothing unless the vault uses Azure RBAC:
 * a vault on the access policy permission model authorizes data-plane calls by its access
 * policies only, and ignores role assignments, silently
 * (https://learn.microsoft.com/azure/key-vault/general/rbac-guide). The config names vaults, not their
 * permission model, so nothing at synth can tell; the plan can. Each stack reads every vault it
 * assigns roles in (`data.azurerm_key_vault`, azurerm v4.55
 * internal/services/keyvault/key_vault_data_source.go: `rbac_authorization_enabled` at :122-125,
 * set from the vault's `enableRbacAuthorization` at :210), and each such assignment has a
 * precondition on it: a vault on access policies fails the plan, naming the vault, before any
 * assignment is made that would grant nothing.
 */
import { TerraformStack } from 'cdktf';
import type { TerraformResourceLifecycle } from 'cdktf';
import type { IConstruct } from 'constructs';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';

/** Each stack's vault reads, by resource group and vault. */
const reads = new WeakMap<TerraformStack, Map<string, DataAzurermKeyVault>>();

/** The lifecycle of an assignment in `vault` (of `resourceGroup`): a precondition that the vault uses Azure RBAC. */
export function rbacVaultLifecycle(scope: IConstruct, resourceGroup: string, vault: string): TerraformResourceLifecycle {
  const stack = TerraformStack.of(scope);
  const inStack = reads.get(stack) ?? new Map<string, DataAzurermKeyVault>();
  reads.set(stack, inStack);
  const key = `${resourceGroup}\0${vault}`;
  let read = inStack.get(key);
  if (!read) {
    // Numbered in order of first use: no config string reaches an address or a reference (`_` is in
    // no config name, so no workload's construct takes the id). A data source keeps no state to move.
    const id = `key_vault_${inStack.size + 1}`;
    read = new DataAzurermKeyVault(stack, id, { name: vault, resourceGroupName: resourceGroup });
    read.overrideLogicalId(id);
    inStack.set(key, read);
  }
  return {
    precondition: [
      {
        condition: read.rbacAuthorizationEnabled,
        errorMessage:
          `Key Vault ${vault} (resource group ${resourceGroup}) uses access policies: role assignments on its secrets and keys would grant nothing. ` +
          'Switch it to the Azure RBAC permission model (azurerm: rbac_authorization_enabled = true, formerly enable_rbac_authorization) after granting its users the same access as roles.',
      },
    ],
  };
}
