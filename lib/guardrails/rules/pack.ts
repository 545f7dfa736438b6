/** The rule pack: every guardrail rule, in report order. Rule ids are stable: never reuse one. */
import type { Rule } from '../rule';
import { awsKnownActions } from './aws-known-actions';
import { awsNoBulkExfiltration } from './aws-no-bulk-exfiltration';
import { awsNoCredentialExposure } from './aws-no-credential-exposure';
import { awsNoManagedPolicies } from './aws-no-managed-policies';
import { awsNoPrivilegeEscalation } from './aws-no-privilege-escalation';
import { awsNoResourceExposure } from './aws-no-resource-exposure';
import { awsNoSelfBlinding } from './aws-no-self-blinding';
import { awsNoWildcardAccount } from './aws-no-wildcard-account';
import { awsNoWildcards } from './aws-no-wildcards';
import { awsPermissionsBoundary } from './aws-permissions-boundary';
import { awsSessionLimit } from './aws-session-limit';
import { awsWildcardOnlyConditioned } from './aws-wildcard-only-conditioned';
import { azureNoBroadScope } from './azure-no-broad-scope';
import { azureNoPrivilegedRoles } from './azure-no-privileged-roles';
import { federationOwnerKept } from './federation-owner';
import { federationPinned } from './federation-pinned';
import { gcpNoBasicRoles } from './gcp-no-basic-roles';
import { gcpNoPoolWideMember } from './gcp-no-pool-wide-member';
import { gcpNoProjectGrants } from './gcp-no-project-grants';
import { gcpNoProjectImpersonation } from './gcp-no-project-impersonation';
import { gcpPoolProviderCondition } from './gcp-pool-provider-condition';
import { identityTags } from './identity-tags';
import { noIdleIdentities } from './no-idle-identities';
import { noLongLivedCredentials } from './no-long-lived-credentials';

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
  awsNoWildcardAccount,
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
  noIdleIdentities,
  identityTags,
];

/** Every rule id, for config validation. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
