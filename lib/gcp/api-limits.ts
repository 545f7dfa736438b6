/**
 * Limits of the Google Cloud APIs behind what this project emits, each with its source. The
 * google provider (hashicorp/terraform-provider-google v6.50.0) checks none of them at plan: a
 * config that would cross one is refused at load (lib/config/limits.ts), and every synthesized
 * stack is held against them in the tests (lib/gcp/federation-api-rules.ts).
 */

/** Length of a principal id (a GUID), which is only known at apply time. */
export const PRINCIPAL_ID_LENGTH = 36;

/** One API limit: its value and where it is documented. */
export interface GcpLimit {
  readonly value: number;
  readonly source: string;
}

const PROVIDER_REST = 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers';
const POOL_REST = 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools';
const PROVIDER_GO = 'terraform-provider-google v6.50.0 google/services/iambeta/resource_iam_workload_identity_pool_provider.go';
const QUOTAS = 'https://cloud.google.com/iam/quotas';

export type GcpLimitName =
  | 'subjectBytes'
  | 'conditionCharacters'
  | 'mappingExpressionCharacters'
  | 'customAttributes'
  | 'audiencesPerProvider'
  | 'audienceCharacters'
  | 'poolDisplayNameCharacters'
  | 'poolDescriptionCharacters'
  | 'providerDisplayNameCharacters'
  | 'providerDescriptionCharacters'
  | 'serviceAccountDisplayNameCharacters'
  | 'serviceAccountsPerProject'
  | 'principalsPerAllowPolicy';

export const GCP_LIMITS: Readonly<Record<GcpLimitName, GcpLimit>> = {
  subjectBytes: {
    value: 127,
    source: `${PROVIDER_REST} (attributeMapping: google.subject "Cannot exceed 127 bytes"); ${PROVIDER_GO}:140 documents it, validates nothing`,
  },
  conditionCharacters: { value: 4096, source: `${PROVIDER_REST} (attributeCondition); ${PROVIDER_GO}:106-127, no ValidateFunc` },
  mappingExpressionCharacters: { value: 2048, source: `${PROVIDER_REST} (attributeMapping: "maximum length of an attribute mapping expression"); ${PROVIDER_GO}:166` },
  customAttributes: { value: 50, source: `${PROVIDER_REST} (attributeMapping: "maximum of 50 custom attributes"); ${PROVIDER_GO}:147` },
  audiencesPerProvider: { value: 10, source: `${PROVIDER_REST} (oidc.allowedAudiences: "A maximum of 10 audiences"); ${PROVIDER_GO}:238-244, TypeList without MaxItems` },
  audienceCharacters: { value: 256, source: `${PROVIDER_REST} (oidc.allowedAudiences: "Each audience may be at most 256 characters"); ${PROVIDER_GO}:243` },
  poolDisplayNameCharacters: { value: 32, source: `${POOL_REST} (displayName); terraform-provider-google v6.50.0 resource_iam_workload_identity_pool.go:109-113, no ValidateFunc` },
  poolDescriptionCharacters: { value: 256, source: `${POOL_REST} (description); resource_iam_workload_identity_pool.go:97-101, no ValidateFunc` },
  providerDisplayNameCharacters: { value: 32, source: `${PROVIDER_REST} (displayName); ${PROVIDER_GO}:221-225, no ValidateFunc` },
  providerDescriptionCharacters: { value: 256, source: `${PROVIDER_REST} (description); ${PROVIDER_GO}:210-214, no ValidateFunc` },
  serviceAccountDisplayNameCharacters: {
    value: 100,
    source: 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts (displayName: "at most 100 UTF-8 bytes"); resource_google_service_account.go:76-80 (v6.50.0), no ValidateFunc',
  },
  serviceAccountsPerProject: { value: 100, source: `${QUOTAS} (Service accounts: "Number of service accounts 100", a default quota that can be raised on request)` },
  principalsPerAllowPolicy: { value: 1500, source: `${QUOTAS} (Limits: "All members (including Google groups) in all bindings within a policy 1,500")` },
};

/** The value of a limit. */
export const limit = (name: GcpLimitName): number => GCP_LIMITS[name].value;
