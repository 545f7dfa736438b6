/**
 * A workload's Azure identity: a user-assigned managed identity, role assignments at each
 * resource's own scope, and, when the workload runs outside Azure, one federated identity
 * credential for exactly its issuer and subject.
 */
import { Construct } from 'constructs';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { FederatedIdentityCredentialConfig } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { AZURE_ACCESS } from '../access/azure';
import type { AzureRule, AzureScopeTarget } from '../access/azure';
import { trustFor } from '../sources/runs-on';
import type { IdentityContext, PeerIdentity } from '../constructs/identity-context';
import { resolveSubject } from '../constructs/identity-context';
import { placeResource } from '../safety/addresses';
import { originalName } from '../spec/renames';
import type { AzureEnvironment } from '../spec/types';
import type { AzureCustomRoles } from './custom-roles';
import { assignExtraAccess } from './extra-access';
import { azureScope, resourceGroupId } from './scopes';
import { rbacVaultLifecycle } from './vault-rbac';
import { formatWorkloadAddress } from '../terraform/workload-address';

/** Scopes inside a Key Vault: their assignments need the vault on Azure RBAC. */
const IN_VAULT: ReadonlySet<AzureScopeTarget> = new Set<AzureScopeTarget>(['secret', 'key']);

export interface AzureWorkloadIdentityProps {
  readonly context: IdentityContext;
  readonly customRoles: AzureCustomRoles;
  /** The issuer held by a stack variable, for trusts whose issuer the config does not name. */
  readonly issuerVariable: (name: string) => string;
}

export class AzureWorkloadIdentity extends Construct implements PeerIdentity {
  readonly identity: UserAssignedIdentity;
  /** Present when the workload runs outside Azure. */
  readonly federatedCredential?: FederatedIdentityCredential;
  /** Every federated credential of the identity, in creation order (each depends on the one before). */
  private readonly federatedCredentials: FederatedIdentityCredential[] = [];

  constructor(scope: Construct, id: string, props: AzureWorkloadIdentityProps) {
    super(scope, id);
    const ctx = props.context;
    const azure = ctx.env.azure as AzureEnvironment;
    const w = ctx.workload;

    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: ctx.names.azureIdentity,
      resourceGroupName: azure.resourceGroup,
      location: azure.location,
      tags: { ...ctx.tags },
    });
    placeResource(this.identity, (workload) => formatWorkloadAddress({ of: 'identity', workload }), w);

    for (const { resource, levels } of w.grants) {
      const fields = resource.clouds.azure;
      if (!fields) continue;
      for (const level of levels) {
        const rule = (AZURE_ACCESS[resource.kind] as Record<string, AzureRule>)[level];
        const address = (workload: string, name: string) => formatWorkloadAddress({ of: 'grant', workload, resource: name, level });
        const assignment = new RoleAssignment(this, address(w.name, resource.name), {
          scope: azureScope(rule.at, fields, azure),
          ...('role' in rule
            ? { roleDefinitionName: rule.role }
            : { roleDefinitionId: props.customRoles.definitionId(rule.custom, resourceGroupId(fields, azure)), ...props.customRoles.waitIn(this) }),
          principalId: this.identity.principalId,
          // Naming the principal type lets Azure assign before the new identity has replicated.
          principalType: 'ServicePrincipal',
          ...(IN_VAULT.has(rule.at) && { lifecycle: rbacVaultLifecycle(this, fields.resourceGroup ?? azure.resourceGroup, fields.vault) }),
          // The description is immutable: it names the workload and resource by their first names.
          description: `${originalName(w)}: ${level} on ${originalName(resource)}`,
        });
        placeResource(assignment, address, w, resource);
      }
    }

    assignExtraAccess(this, w.name, w.extraAccess.azure, this.identity.principalId);

    const trust = trustFor(w.source, 'azure', ctx.env);
    if (trust.kind !== 'oidc') return;
    this.federatedCredential = this.addFederatedCredential('federation', {
      // The name is immutable: it keeps the workload's first name.
      name: `${originalName(w)}-${w.source.type === 'oidc' ? w.source.provider : w.source.cloud}`.slice(0, 120),
      issuer: trust.issuerVariable ? props.issuerVariable(trust.issuerVariable) : trust.issuer,
      subject: resolveSubject(trust.subject, ctx),
      audience: [trust.audience as string],
    });
    placeResource(this.federatedCredential, (workload) => formatWorkloadAddress({ of: 'federation', workload }), w);
  }

  /**
   * Adds a federated identity credential to the identity. Azure rejects concurrent writes of
   * credentials on one identity, so each depends on the one added before it.
   */
  addFederatedCredential(id: string, config: Pick<FederatedIdentityCredentialConfig, 'name' | 'issuer' | 'subject' | 'audience'>): FederatedIdentityCredential {
    const previous = this.federatedCredentials.at(-1);
    const credential = new FederatedIdentityCredential(this, id, {
      ...config,
      resourceGroupName: this.identity.resourceGroupName,
      parentId: this.identity.id,
      ...(previous && { dependsOn: [previous] }),
    });
    this.federatedCredentials.push(credential);
    return credential;
  }

  attribute(name: 'roleArn' | 'uniqueId' | 'principalId'): string {
    if (name !== 'principalId') throw new Error(`a managed identity has no ${name}`);
    return this.identity.principalId;
  }
}
