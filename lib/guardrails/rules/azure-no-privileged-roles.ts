import { AZURE_BUILT_IN_ROLE_IDS, azureAssignments } from '../azure-assignments';
import type { Rule } from '../rule';

const PRIVILEGED = new Set(Object.values(AZURE_BUILT_IN_ROLE_IDS).map((r) => r.toLowerCase()));

export const azureNoPrivilegedRoles: Rule = {
  id: 'WI-AZ-001',
  level: 'error',
  cloud: 'azure',
  statement: 'No role assignment grants Owner, Contributor, User Access Administrator or Role Based Access Control Administrator.',
  why: 'These roles manage every resource at their scope, and the last three can grant any role to anyone, including the identity itself.',
  fix: 'Assign the data-plane role for the exact need (e.g. Storage Blob Data Reader) at the resource\'s own scope.',
  check: (ctx) =>
    azureAssignments(ctx)
      .filter((a) => PRIVILEGED.has(a.role.toLowerCase()))
      .map((a) => ({ resource: a.resource, detail: `Role::${a.role}`, message: `assigns ${a.role} at ${a.scope}` })),
};
