import { gcpGrants } from '../gcp-bindings';
import type { Rule } from '../rule';

const IMPERSONATION_ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']);

export const gcpNoProjectImpersonation: Rule = {
  id: 'WI-GCP-002',
  level: 'error',
  cloud: 'gcp',
  statement: 'No project-, folder- or organization-level binding of roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator.',
  why: 'Granted on the project, these roles let the member act as every service account of the project, and so take all their access.',
  fix: 'Bind the role on the one service account to be impersonated (google_service_account_iam_member), or remove it.',
  check: (ctx) =>
    gcpGrants(ctx)
      .filter((g) => g.hierarchyWide && IMPERSONATION_ROLES.has(g.role))
      .map((g) => ({ resource: g.resource, detail: `Role::${g.role}`, message: `grants ${g.role} on the whole ${g.resource.type.split('_')[1]} to ${g.members.join(', ')}` })),
};
