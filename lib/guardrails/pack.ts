/** The rule pack: every guardrail rule, in report order. Rule ids are stable: never reuse one. */
import type { Rule } from './rule';
import { awsKnownActions } from './rules/aws-known-actions';
import { awsNoBulkExfiltration } from './rules/aws-no-bulk-exfiltration';
import { awsNoCredentialExposure } from './rules/aws-no-credential-exposure';
import { awsNoManagedPolicies } from './rules/aws-no-managed-policies';
import { awsNoPrivilegeEscalation } from './rules/aws-no-privilege-escalation';
import { awsNoResourceExposure } from './rules/aws-no-resource-exposure';
import { awsNoSelfBlinding } from './rules/aws-no-self-blinding';
import { awsNoWildcards } from './rules/aws-no-wildcards';
import { awsPermissionsBoundary } from './rules/aws-permissions-boundary';
import { awsSessionLimit } from './rules/aws-session-limit';
import { awsWildcardOnlyConditioned } from './rules/aws-wildcard-only-conditioned';
import { azureNoBroadScope } from './rules/azure-no-broad-scope';
import { azureNoPrivilegedRoles } from './rules/azure-no-privileged-roles';
import { federationOwnerKept } from './rules/federation-owner';
import { federationPinned } from './rules/federation-pinned';
import { gcpNoBasicRoles } from './rules/gcp-no-basic-roles';
import { gcpNoPoolWideMember } from './rules/gcp-no-pool-wide-member';
import { gcpNoProjectGrants } from './rules/gcp-no-project-grants';
import { gcpNoProjectImpersonation } from './rules/gcp-no-project-impersonation';
import { gcpPoolProviderCondition } from './rules/gcp-pool-provider-condition';
import { identityTags } from './rules/identity-tags';
import { noLongLivedCredentials } from './rules/no-long-lived-credentials';

export const RULES: readonly Rule[] = [
  awsNoWildcards,
  awsKnownActions,
  awsNoManagedPolicies,
  awsNoPrivilegeEscalation,
  awsPermissionsBoundary,
  awsSessionLimit,
  awsWildcardOnlyConditioned,
  awsNoResourceExposure,
  awsNoCredentialExposure,
  awsNoBulkExfiltration,
  awsNoSelfBlinding,
  federationPinned,
  federationOwnerKept,
  gcpNoBasicRoles,
  gcpNoProjectImpersonation,
  gcpNoProjectGrants,
  gcpPoolProviderCondition,
  gcpNoPoolWideMember,
  azureNoPrivilegedRoles,
  azureNoBroadScope,
  noLongLivedCredentials,
  identityTags,
];

/** Every rule id, for config validation. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
