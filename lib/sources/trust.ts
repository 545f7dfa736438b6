/**
 * How an identity on a target cloud trusts the place its workload runs: the contract between
 * the sources (lib/sources) and the cloud constructs, which turn a Trust into resources.
 */
import type { Cloud } from '../access/vocabulary';
import type { CoarsePin, PodIdentity } from '../spec/types';

/** An attribute of the workload's identity on another cloud, known only at apply time. */
export interface PeerAttribute {
  readonly cloud: Cloud;
  /** aws: the role ARN; gcp: the service account's unique id; azure: the identity's principal id. */
  readonly attribute: 'roleArn' | 'uniqueId' | 'principalId';
}

/** How an identity on a target cloud trusts its workload's source. */
export type Trust =
  /** The runtime attaches the identity itself (an AWS service principal, a GCP or Azure runtime). */
  | { readonly kind: 'native'; readonly runtime: string }
  /** An OIDC token: exact issuer, subject and audience. `audience` undefined: the target's default. */
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly subject: string | PeerAttribute;
      readonly audience?: string;
      /** Set for the AWS outbound issuer when the config does not name it: a Terraform variable. */
      readonly issuerVariable?: string;
      /** Coarser pins of the same source, narrowest first, for conditions too long to list every subject. */
      readonly coarse?: readonly CoarsePin[];
    }
  /** A member of a Google-managed workload identity pool (GKE's `<project>.svc.id.goog`), trusted as is. */
  | { readonly kind: 'gcp-member'; readonly member: string }
  /** An AWS role, through a GCP workload identity pool `aws` provider. */
  | { readonly kind: 'aws-role'; readonly accountId: string }
  /** An AWS role taken through EKS Pod Identity by one service account of one cluster. */
  | ({ readonly kind: 'eks-pod-identity' } & PodIdentity);
