/** AWS quotas that what this project emits must stay within, each with its source. */

/**
 * Metric filters per log group: 100, not adjustable
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).
 * Each environment puts `METRIC_FILTERS_PER_ENVIRONMENT` on its log group (lib/aws/monitoring.ts).
 */
export const METRIC_FILTERS_PER_LOG_GROUP = 100;
export const METRIC_FILTERS_PER_ENVIRONMENT = 2;
/**
 * Trails per region: 5, not adjustable; a multi-region trail counts in every region
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html).
 * Each environment without `monitoring.aws.logGroup` makes one (lib/aws/audit-trail.ts).
 */
export const TRAILS_PER_REGION = 5;
/**
 * Client ids (audiences) of one IAM OIDC provider: 100
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html, ClientIDList;
 * reference_iam-quotas.html); the provider checks each id's length only
 * (internal/service/iam/openid_connect_provider.go, `client_id_list`).
 */
export const OIDC_CLIENT_IDS = 100;
/** An IAM OIDC provider's URL: 1 to 255 characters (API_CreateOpenIDConnectProvider.html, Url). */
export const OIDC_URL_LENGTH = 255;
/**
 * A role's trust policy: 2,048 characters, whitespace not counted, by default (adjustable to 4,096;
 * IAM quotas, "Role trust policy length"). A runsOn list puts one statement per source in it
 * (lib/config/check-source-lists.ts); lib/aws/api-limits.ts (iam-trust-policy-size) holds every
 * synthesized role to it.
 */
export const ROLE_TRUST_POLICY_CHARS = 2048;
export const ROLE_TRUST_POLICY_SOURCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "Role trust policy length" (default quota)';
