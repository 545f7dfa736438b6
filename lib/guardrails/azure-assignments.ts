/** Every Azure role assignment of a stack, with its role name and how wide its scope is. */
import type { RuleContext } from './rule';
import type { TfResource } from './stack-index';

/** Ids of the built-in roles the rules name, so an assignment by id is recognized too. */
export const AZURE_BUILT_IN_ROLE_IDS: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

/** How wide a scope is: everything below a management group, subscription or resource group, or one resource. */
export type AzureScopeBreadth = 'root' | 'management group' | 'subscription' | 'resource group' | 'resource';

export interface AzureAssignment {
  readonly resource: TfResource;
  /** The role's name when known (by name or built-in id), else its definition id. */
  readonly role: string;
  readonly scope: string;
  readonly breadth: AzureScopeBreadth;
}

/** The breadth of an Azure scope id. */
export function scopeBreadth(scope: string): AzureScopeBreadth {
  const s = scope.replace(/\/+$/, '').toLowerCase();
  if (s === '') return 'root';
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s)) return 'management group';
  if (/^\/subscriptions\/[^/]+$/.test(s)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)) return 'resource group';
  return 'resource';
}

/** Every role assignment in the stack. */
export function azureAssignments(ctx: RuleContext): readonly AzureAssignment[] {
  return ctx.index.memo('azure-assignments', () => ctx.index.ofType('azurerm_role_assignment').map((resource) => {
    const c = resource.config;
    const id = typeof c.role_definition_id === 'string' ? c.role_definition_id : '';
    const guid = /([0-9a-f-]{36})$/i.exec(id)?.[1]?.toLowerCase();
    const role = typeof c.role_definition_name === 'string' ? c.role_definition_name : (guid && AZURE_BUILT_IN_ROLE_IDS[guid]) || id;
    const scope = String(c.scope ?? '');
    return { resource, role, scope, breadth: scopeBreadth(scope) };
  }));
}
