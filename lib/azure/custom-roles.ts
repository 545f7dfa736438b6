/**
 * Custom role definitions for levels no built-in role matches exactly, made once per
 * environment on first use, assignable only in the resource groups that use them.
 *
 * A new definition is not assignable at once: Azure Resource Manager replicates it, and an
 * assignment made before then fails (RoleDefinitionDoesNotExist; hashicorp/terraform-provider-azurerm
 * #19916, #10442). azurerm v4.55 waits for neither: `azurerm_role_definition` reads the definition
 * once after creating it (internal/services/authorization/role_definition_resource.go:206-218) and
 * waits only after an update (:348-367); `azurerm_role_assignment` retries only network errors,
 * PrincipalNotFound and cross-tenant LinkedAuthorizationFailed (role_assignment_resource.go:374-386,
 * utils/response.go:29-43). So every assignment of a custom role in the same stack waits on a
 * `time_sleep` of ROLE_DEFINITION_REPLICATION_SECONDS after the definitions are created (again
 * whenever one is replaced). A shard's assignments need no wait: the shared stack that creates the
 * definitions, and waits, is applied before any shard.
 */
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import type { AzureCustomRole } from '../kinds/kind';
import { azureCustomRoleName } from '../spec/names';
import { useTimeProvider } from '../constructs/time-provider';

/**
 * How long a new role definition takes to be assignable everywhere: "Due to caching in ARM, it
 * could take up to 10 minutes" (Azure/terraform-azurerm-caf-enterprise-scale wiki, Troubleshooting,
 * RoleDefinitionDoesNotExist). Microsoft documents no shorter bound.
 */
export const ROLE_DEFINITION_REPLICATION_SECONDS = 600;

interface Entry {
  readonly definition: RoleDefinition;
  readonly assignableScopes: string[];
}

export class AzureCustomRoles extends Construct {
  private readonly made = new Map<string, Entry>();
  private replicated?: Sleep;

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
      this.waitFor(address, definition);
    }
    if (!entry.assignableScopes.includes(resourceGroupId)) {
      entry.assignableScopes.push(resourceGroupId);
      entry.definition.assignableScopes = [...entry.assignableScopes].sort();
    }
    return entry.definition.roleDefinitionResourceId;
  }

  /** The `dependsOn` of an assignment of a custom role made in `scope`: the wait, in this stack only. */
  waitIn(scope: IConstruct): { dependsOn?: Sleep[] } {
    return this.replicated && TerraformStack.of(scope) === TerraformStack.of(this) ? { dependsOn: [this.replicated] } : {};
  }

  /** Adds a definition to the one wait of this stack (created with the first definition). */
  private waitFor(address: string, definition: RoleDefinition): void {
    if (!this.replicated) {
      useTimeProvider(this);
      this.replicated = new Sleep(this, 'replicated', { createDuration: `${ROLE_DEFINITION_REPLICATION_SECONDS}s`, triggers: {} });
      this.replicated.overrideLogicalId('custom_roles_replicated');
    }
    // Replacing a definition (a new id) waits again; the trigger's reference orders the wait after it.
    this.replicated.triggers = { ...this.replicated.triggersInput, [address]: definition.roleDefinitionResourceId };
  }
}
