/**
 * Custom role definitions for levels no built-in role matches exactly, made once per
 * environment on first use, assignable only in the resource groups that use them.
 */
import { Construct } from 'constructs';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import type { AzureCustomRole } from '../access/azure';
import { azureCustomRoleName } from '../spec/names';

interface Entry {
  readonly definition: RoleDefinition;
  readonly assignableScopes: string[];
}

export class AzureCustomRoles extends Construct {
  private readonly made = new Map<string, Entry>();

  constructor(
    scope: Construct,
    id: string,
    private readonly app: string,
    private readonly envName: string,
    private readonly subscriptionId: string,
  ) {
    super(scope, id);
  }

  /** The role definition id to assign, assignable in `resourceGroupId`. */
  definitionId(role: AzureCustomRole, resourceGroupId: string): string {
    let entry = this.made.get(role.name);
    if (!entry) {
      const address = `role_${role.name.replace(/[^a-z0-9]+/g, '_')}`;
      const definition = new RoleDefinition(this, address, {
        name: azureCustomRoleName(this.app, this.envName, role.name),
        scope: `/subscriptions/${this.subscriptionId}`,
        description: `${role.description} (made by workload-identity for ${this.app}/${this.envName})`,
        permissions: [{ dataActions: [...role.dataActions] }],
        assignableScopes: [],
      });
      definition.overrideLogicalId(address);
      entry = { definition, assignableScopes: [] };
      this.made.set(role.name, entry);
    }
    if (!entry.assignableScopes.includes(resourceGroupId)) {
      entry.assignableScopes.push(resourceGroupId);
      entry.definition.assignableScopes = [...entry.assignableScopes].sort();
    }
    return entry.definition.roleDefinitionResourceId;
  }
}
