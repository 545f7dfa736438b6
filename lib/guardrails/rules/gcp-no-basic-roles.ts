import { gcpGrants } from '../gcp-bindings';
import type { Rule } from '../rule';

const BASIC_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);

export const gcpNoBasicRoles: Rule = {
  id: 'WI-GCP-001',
  level: 'error',
  cloud: 'gcp',
  statement: 'No binding grants a basic role (roles/owner, roles/editor, roles/viewer).',
  why: 'Basic roles predate IAM: they carry thousands of permissions across every service of the project.',
  fix: 'Bind the predefined role for the exact need (see the access vocabulary) on the resource itself.',
  check: (ctx) =>
    gcpGrants(ctx)
      .filter((g) => BASIC_ROLES.has(g.role))
      .map((g) => ({ resource: g.resource, detail: `Role::${g.role}`, message: `grants the basic role ${g.role} to ${g.members.join(', ')}` })),
};
