import { azureAssignments } from '../azure-assignments';
import type { Rule } from '../rule';

export const azureNoBroadScope: Rule = {
  id: 'WI-AZ-002',
  level: 'error',
  cloud: 'azure',
  statement: 'Roles are assigned at the resource itself, never at a management group, subscription or resource group.',
  why: 'An assignment at a wide scope applies to every resource below it, present and future.',
  fix: 'Assign at the container, secret, key, queue or topic id (extraAccess azure: scope: the resource id).',
  check: (ctx) =>
    azureAssignments(ctx)
      .filter((a) => a.breadth !== 'resource')
      .map((a) => ({ resource: a.resource, detail: `Scope::${a.scope}`, message: `assigns ${a.role} at a whole ${a.breadth} (${a.scope})` })),
};
