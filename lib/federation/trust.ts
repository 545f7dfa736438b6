/**
 * The federation matrix as one function: how the identity of a workload on a target cloud
 * trusts the place the workload runs. Cloud constructs turn these descriptors into resources.
 */
import type { Cloud } from '../access/vocabulary';
import type { CoarsePin, EnvironmentSpec, Source } from '../spec/types';
import { AWS_STS_AUDIENCE, AZURE_TOKEN_EXCHANGE_AUDIENCE } from './sources';

/** Google's issuer of service account ID tokens. */
export const GOOGLE_ISSUER = 'https://accounts.google.com';

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
  /** An AWS role, through a GCP workload identity pool `aws` provider. */
  | { readonly kind: 'aws-role'; readonly accountId: string };

/** Name of the stack variable that carries an AWS account's outbound issuer when the config omits it. */
export const AWS_OUTBOUND_ISSUER_VARIABLE = 'aws_outbound_issuer';

/** The trust of `source`'s identity on `target`, in environment `env`. */
export function trustFor(source: Source, target: Cloud, env: EnvironmentSpec): Trust {
  if (source.type === 'oidc') {
    return { kind: 'oidc', issuer: source.issuer, subject: source.subject, audience: source.audience[target], ...(source.coarsePins && { coarse: source.coarsePins }) };
  }
  if (source.cloud === target) return { kind: 'native', runtime: source.runtime };
  switch (`${source.cloud}->${target}`) {
    case 'aws->gcp':
      return { kind: 'aws-role', accountId: (env.aws as NonNullable<EnvironmentSpec['aws']>).accountId };
    case 'aws->azure': {
      const issuer = env.aws?.outboundIssuer;
      return {
        kind: 'oidc',
        issuer: issuer ?? '',
        ...(issuer ? {} : { issuerVariable: AWS_OUTBOUND_ISSUER_VARIABLE }),
        subject: { cloud: 'aws', attribute: 'roleArn' },
        audience: AZURE_TOKEN_EXCHANGE_AUDIENCE,
      };
    }
    case 'gcp->aws':
    case 'gcp->azure':
      return {
        kind: 'oidc',
        issuer: GOOGLE_ISSUER,
        subject: { cloud: 'gcp', attribute: 'uniqueId' },
        audience: target === 'aws' ? AWS_STS_AUDIENCE : AZURE_TOKEN_EXCHANGE_AUDIENCE,
      };
    default: {
      // azure->aws, azure->gcp: a token of the tenant's issuer for the configured audience.
      const azure = env.azure as NonNullable<EnvironmentSpec['azure']>;
      return {
        kind: 'oidc',
        issuer: azure.tokenIssuer,
        subject: { cloud: 'azure', attribute: 'principalId' },
        audience: azure.tokenAudience,
        coarse: [{ expression: 'assertion.tid', value: azure.tenantId }],
      };
    }
  }
}
