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
import { sourceForm, trustsFor } from '../sources/source-list';
import type { IdentityContext, PeerIdentity } from '../constructs/identity-context';
import { resolveSubject } from '../constructs/identity-context';
import { AZURE_TARGETS, azureRule } from '../kinds';
import { resourceGroupId } from '../kinds/azure-parents';
import { placeResource } from '../safety/addresses';
import { originalName } from '../spec/renames';
import type { AzureEnvironment } from '../spec/types';
import type { AzureCustomRoles } from './custom-roles';
import { assignExtraAccess } from './extra-access';
import { rbacVaultLifecycle } from './vault-rbac';
import { formatWorkloadAddress } from '../terraform/workload-address';

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
        const rule = azureRule(resource.kind, level);
        const target = AZURE_TARGETS[rule.at];
        const condition = rule.condition?.(fields, azure);
        const address = (workload: string, name: string) => formatWorkloadAddress({ of: 'grant', workload, resource: name, level });
        const assignment = new RoleAssignment(this, address(w.name, resource.name), {
          scope: target.scope(fields, azure),
          ...('role' in rule
            ? { roleDefinitionName: rule.role }
            : { roleDefinitionId: props.customRoles.definitionId(rule.custom, resourceGroupId(fields, azure)), ...props.customRoles.waitIn(this) }),
          principalId: this.identity.principalId,
          // Naming the principal type lets Azure assign before the new identity has replicated.
          principalType: 'ServicePrincipal',
          ...(condition && { condition: condition.expression, conditionVersion: condition.version }),
          // An assignment inside a Key Vault needs the vault on Azure RBAC.
          ...(target.vault && { lifecycle: rbacVaultLifecycle(this, fields.resourceGroup ?? azure.resourceGroup, target.vault(fields)) }),
          // The description is immutable: it names the workload and resource by their first names.
          description: `${originalName(w)}: ${level} on ${originalName(resource)}`,
        });
        placeResource(assignment, address, w, resource);
      }
    }

    assignExtraAccess(this, w.name, w.extraAccess.azure, this.identity.principalId);

    // One credential per source of a runsOn list (Azure matches each subject exactly); a further source's
    // name and address add its key, which the source's content decides, so its name never changes while the
    // source is listed: `name` forces a new credential, issuer, subject and audience update in place
    // (azurerm internal/services/managedidentity/federated_identity_credential_resource.go, commit 69697b7f:
    // name and parent_id ForceNew). So no ignore_changes is needed, and a single runsOn keeps its bytes.
    for (const { trust, source, key } of trustsFor(w, 'azure', ctx.env)) {
      if (trust.kind !== 'oidc') continue;
      const credential = this.addFederatedCredential(key ? `federation-${key}` : 'federation', {
        // The name is immutable: it keeps the workload's first name.
        name: key ? `${originalName(w).slice(0, 120 - sourceForm(source).length - key.length - 2)}-${sourceForm(source)}-${key}` : `${originalName(w)}-${sourceForm(source)}`.slice(0, 120),
        issuer: trust.issuerVariable ? props.issuerVariable(trust.issuerVariable) : trust.issuer,
        subject: resolveSubject(trust.subject, ctx),
        audience: [trust.audience as string],
      });
      placeResource(credential, (workload) => formatWorkloadAddress({ of: 'federation', workload, ...(key && { key }) }), w);
      if (!key) this.federatedCredential = credential;
    }
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
