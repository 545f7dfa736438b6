import { gcpGrants } from '../gcp-bindings';
import type { Rule } from '../rule';

export const gcpNoProjectGrants: Rule = {
  id: 'WI-GCP-003',
  level: 'error',
  cloud: 'gcp',
  statement: 'Roles are bound on the resource itself, never on a whole project, folder or organization.',
  why: 'A project-level binding applies to every bucket, secret, topic and key of the project, present and future.',
  fix: 'Bind on the bucket, secret, topic, subscription or crypto key (extraAccess gcp: on: bucket|secret|topic|subscription|cryptoKey).',
  check: (ctx) =>
    gcpGrants(ctx)
      .filter((g) => g.hierarchyWide)
      .map((g) => ({ resource: g.resource, detail: `Role::${g.role}`, message: `grants ${g.role} on the whole ${g.resource.type.split('_')[1]}` })),
};
