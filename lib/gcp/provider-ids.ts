/**
 * Ids of workload identity pool providers and the subjects they map, as pure functions: the
 * config checks (lib/spec) need them before any construct exists.
 *
 * Principals are per pool, not per provider: `principal://…/subject/S` admits a token of any
 * provider of the pool that maps `google.subject` to S. So every provider maps it to its own id,
 * a colon and the source's value: provider ids are unique in a pool and hold no colon
 * (`^[0-9a-z-]+$`, ValidateWorkloadIdentityPoolProviderId, terraform-provider-google v6.50.0
 * google/services/iambeta/resource_iam_workload_identity_pool_provider.go:39-66), so no provider
 * can map a subject that another provider's principal names.
 */
import { GCP_PROVIDER_PREFIXES } from '../sources/forms';
import { stableHash } from '../spec/names';

/** Provider id of an OIDC issuer: a readable prefix and a stable hash (4-32 characters). */
export function oidcProviderId(issuer: string): string {
  const prefix = GCP_PROVIDER_PREFIXES.find(([re]) => re.test(issuer))?.[1] ?? 'oidc';
  return `${prefix}-${stableHash([issuer], 8)}`;
}

/** The id of an AWS account's provider. */
export const awsProviderId = (accountId: string) => `aws-${accountId}`;

/** The `google.subject` a provider maps a source's value to: the principal's subject. */
export function mappedSubject(providerId: string, value: string): string {
  return `${providerId}:${value}`;
}

/** Marks a workload that requests the provider's default audience (its canonical name). */
export const DEFAULT_AUDIENCE = '';

/** A pool's full resource name, as its `name` attribute gives it. */
export function poolResourceName(projectNumber: string, poolId: string): string {
  return `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
}

/** A provider's full resource name (`google-github-actions/auth` workload_identity_provider, TFC_GCP_WORKLOAD_PROVIDER_NAME). */
export function providerResourceName(projectNumber: string, poolId: string, providerId: string): string {
  return `${poolResourceName(projectNumber, poolId)}/providers/${providerId}`;
}

/** A provider's canonical name, without scheme: its default audience. */
export function poolCanonicalName(projectNumber: string, poolId: string, providerId: string): string {
  return `iam.googleapis.com/${providerResourceName(projectNumber, poolId, providerId)}`;
}

/**
 * The OIDC provider's `allowed_audiences` for the audiences its workloads request: none while
 * only the default is wanted, else each explicit audience and, where the default is wanted too,
 * its two forms (an explicit list replaces the default).
 */
export function allowedAudiences(requested: readonly string[], canonicalName: string): string[] | undefined {
  if (requested.every((a) => a === DEFAULT_AUDIENCE)) return undefined;
  return [...new Set(requested)].flatMap((a) => (a === DEFAULT_AUDIENCE ? [`//${canonicalName}`, `https://${canonicalName}`] : [a]));
}
