/**
 * The access model: what the synthesized stacks will really deploy, per environment, workload
 * and cloud. Each identity carries its trust (who may become it) and its grants, in native
 * terms (actions, roles, ARNs, scopes) and, where the mapping tables recover them, in the
 * cloud-neutral terms of the config (resource, level).
 */
import type { Cloud } from '../access/vocabulary';
import type { ResourceKind } from '../kinds';

export interface AccessModel {
  readonly stacks: readonly StackAccess[];
}

/** One synthesized stack: one environment. */
export interface StackAccess {
  readonly stack: string;
  /** From the identities' `environment` tag (label); the stack name when no identity has one. */
  readonly environment: string;
  readonly identities: readonly IdentityAccess[];
}

/** One workload's identity on one cloud. */
export interface IdentityAccess {
  readonly workload: string;
  readonly cloud: Cloud;
  /** Terraform address, `aws_iam_role.deployer`. */
  readonly address: string;
  /** The cloud's name for it: role name, service account id, managed identity name. */
  readonly name: string;
  /** Attributes whose change replaces the identity or changes its limits, e.g. `permissions_boundary`. */
  readonly settings: Readonly<Record<string, string>>;
  readonly trusts: readonly TrustAccess[];
  readonly grants: readonly GrantAccess[];
}

/**
 * Who may act as the identity. `service`: a cloud service principal (AWS); `attached`: the
 * cloud's own runtime attaches it, nothing federated; `oidc`: a token from `issuer` with exactly
 * `subject`; `aws-role`: a role of an AWS account through a GCP pool provider.
 */
export interface TrustAccess {
  readonly kind: 'service' | 'attached' | 'oidc' | 'aws-role' | 'other';
  /** Issuer URL, service principal, AWS account, or the runtime's cloud. */
  readonly issuer: string;
  readonly subject?: string;
  readonly audience?: string;
  /** The Terraform resource that establishes it. */
  readonly address?: string;
}

/** A permission in the cloud's own words. */
export interface NativeGrant {
  /** IAM actions (AWS), or the role (GCP, Azure) followed by what a custom role contains. */
  readonly permissions: readonly string[];
  /** ARNs (AWS), the bound resource (GCP), the scope (Azure). */
  readonly targets: readonly string[];
}

/** One level on one resource, or a native permission the vocabulary does not name. */
export interface GrantAccess {
  /** The config's resource name (or the native target when it cannot be recovered). */
  readonly resource: string;
  readonly kind?: ResourceKind;
  /** Undefined: not a level of the vocabulary (shown as native terms only). */
  readonly level?: string;
  readonly native: NativeGrant;
  readonly address: string;
}
