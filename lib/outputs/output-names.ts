/**
 * The names of the stack outputs (`terraform output <name>`), as pure functions of config
 * names, so a user, a script or the generated wiring can name an output without reading the
 * stack.
 *
 * A workload's outputs are `<workload>_<cloud>_<attribute>`, e.g. `api_aws_role_arn`. A
 * workload name is lowercase letters, digits and hyphens starting with a letter (schema.ts,
 * NAME), so it is a valid Terraform identifier, holds no `_`, and is everything before the
 * first `_`: two workloads never share an output name, and a name like `constructor` is just a
 * prefix. The environment's shared outputs start with a cloud and a word that is no cloud
 * (`aws_oidc_…`, `gcp_workload_identity_pool_name`): a workload named `aws` gives `aws_aws_…`,
 * `aws_gcp_…` or `aws_azure_…`, never one of these.
 */
import type { Cloud } from '../access/vocabulary';

/** The outputs of a workload's identity on each cloud. */
export const IDENTITY_ATTRIBUTES = {
  aws: ['role_arn', 'role_name', 'instance_profile_arn', 'instance_profile_name'],
  gcp: ['service_account_email', 'service_account_unique_id', 'workload_identity_provider'],
  azure: ['client_id', 'principal_id', 'resource_id', 'tenant_id'],
} as const satisfies Record<Cloud, readonly string[]>;

/** An output attribute of a workload's identity on cloud `C`. */
export type IdentityAttribute<C extends Cloud = Cloud> = (typeof IDENTITY_ATTRIBUTES)[C][number];

/** The output of `attribute` of `workload`'s identity on `cloud`. */
export function identityOutputName<C extends Cloud>(workload: string, cloud: C, attribute: IdentityAttribute<C>): string {
  return `${workload}_${cloud}_${attribute}`;
}

/**
 * The output of the ARN of an IAM OIDC provider, from its Terraform logical id (`oidc_<slug>`,
 * lib/aws/oidc-providers.ts: letters, digits, `_` and `-`, unique in the stack).
 */
export function oidcProviderOutputName(logicalId: string): string {
  return `aws_${logicalId}_arn`;
}

/** The output of the environment's workload identity pool (its full resource name). */
export const POOL_OUTPUT_NAME = 'gcp_workload_identity_pool_name';

/**
 * The output of `attribute` for a further source of a runsOn list (lib/sources/source-list.ts):
 * `<workload>_<cloud>_<attribute>_<key>`, e.g. the pool provider that source comes through. The
 * first source's is the plain identity output.
 */
export function sourceOutputName<C extends Cloud>(workload: string, cloud: C, attribute: IdentityAttribute<C>, key: string): string {
  return `${identityOutputName(workload, cloud, attribute)}_${key}`;
}
