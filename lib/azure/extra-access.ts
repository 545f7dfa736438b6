/**
 * The Azure escape hatch: a workload's extra role assignments, each at the scope the config
 * names (the guardrails flag privileged roles and wide scopes). Addresses: `<workload>_extra_<index>`.
 */
import type { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { AzureExtraAssignment } from '../spec/types';
import { formatWorkloadAddress } from '../terraform/workload-address';

/** Makes every extra role assignment of `workload` for `principalId`. */
export function assignExtraAccess(scope: Construct, workload: string, assignments: readonly AzureExtraAssignment[], principalId: string): void {
  assignments.forEach((a, i) => {
    const address = formatWorkloadAddress({ of: 'extra', workload, index: i });
    new RoleAssignment(scope, address, {
      scope: a.scope,
      ...(a.role.startsWith('/') ? { roleDefinitionId: a.role } : { roleDefinitionName: a.role }),
      principalId,
      principalType: 'ServicePrincipal',
      description: `${workload}: extraAccess ${i}`,
    }).overrideLogicalId(address);
  });
}
