/**
 * A role assignment inside a Key Vault grants nothing when the vault uses access policies, so each
 * one carries a plan-time precondition on the vault's permission model (lib/azure/vault-rbac.ts).
 * The attributes are held against azurerm v4.55.0's data source
 * (internal/services/keyvault/key_vault_data_source.go): `name` Required with validate.VaultName
 * (:33-37), `resource_group_name` Required (:39, ResourceGroupNameForDataSource), and
 * `rbac_authorization_enabled` Computed (:122-125), read from the vault's enableRbacAuthorization (:210).
 */
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import { ofType, synthStacks } from '../helpers/synth';

/** azurerm's validate.VaultName (internal/services/keyvault/validate/vault_name.go:13). */
const VAULT_NAME = /^[a-zA-Z0-9-]{3,24}$/;

describe('role assignments inside a Key Vault need the vault on Azure RBAC', () => {
  const stack = Object.values(synthStacks(EVERY_LEVEL_CONFIG))[0];
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
