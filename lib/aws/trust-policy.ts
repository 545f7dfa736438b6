/** The trust policy of a workload's AWS role, from its cloud-neutral trust. */
import { awsRuntime } from '../sources/aws';
import { GOOGLE_ISSUER } from '../sources/gcp';
import type { Trust } from '../sources/trust';
import type { PolicyStatement } from './policy-document';

/** The condition key prefix IAM uses for an issuer: its URL without `https://`. */
export function issuerKey(issuer: string): string {
  return issuer.replace(/^https:\/\//, '');
}

/**
 * The statement that lets the source assume the role. `providerArn` is the IAM OIDC provider
 * of an OIDC trust; `subject` is the resolved subject (a literal or a reference); `key`, the
 * source key of a further source of a runsOn list (`sourceKey`), ends its Sid (`<Base>AssumesRole<key>`: hex,
 * so still `[A-Za-z0-9]`, and unique in the policy as the sources are).
 */
export function trustStatement(trust: Trust, accountId: string, providerArn: string | undefined, subject: string | undefined, sourceKey = ''): PolicyStatement {
  if (trust.kind === 'native') {
    const runtime = awsRuntime(trust.runtime);
    return {
      Sid: `RuntimeAssumesRole${sourceKey}`,
      Effect: 'Allow',
      Principal: { Service: runtime.servicePrincipal },
      Action: 'sts:AssumeRole',
      ...(runtime.sourceAccountChecked && { Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }),
    };
  }
  if (trust.kind === 'eks-pod-identity') {
    // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html: the pods service assumes
    // the role and tags the session with the cluster, namespace and service account, which pin it
    // here beside the account (any association in the account could otherwise take the role).
    return {
      Sid: `EksPodIdentityAssumesRole${sourceKey}`,
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:SourceAccount': accountId,
          'aws:RequestTag/eks-cluster-name': trust.cluster,
          'aws:RequestTag/kubernetes-namespace': trust.namespace,
          'aws:RequestTag/kubernetes-service-account': trust.serviceAccount,
        },
      },
    };
  }
  if (trust.kind !== 'oidc' || subject === undefined) throw new Error(`AWS roles cannot trust ${trust.kind}`);
  if (trust.issuer === GOOGLE_ISSUER) {
    // Google ID tokens: IAM maps `aud` to the token's azp (the service account's unique id) and
    // `oaud` to the audience the workload requested.
    return {
      Sid: `GoogleServiceAccountAssumesRole${sourceKey}`,
      Effect: 'Allow',
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'accounts.google.com:aud': subject,
          'accounts.google.com:oaud': trust.audience as string,
          'accounts.google.com:sub': subject,
        },
      },
    };
  }
  const key = issuerKey(trust.issuer);
  // A wildcard subject passed validation only with a reasoned suppression of the pinning rule:
  // it is matched with StringLike; the audience always stays exact.
  const subjectMatch = /[*?]/.test(subject) ? { StringLike: { [`${key}:sub`]: subject } } : undefined;
  return {
    Sid: `FederatedSubjectAssumesRole${sourceKey}`,
    Effect: 'Allow',
    Principal: { Federated: providerArn as string },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: subjectMatch
      ? { StringEquals: { [`${key}:aud`]: trust.audience as string }, ...subjectMatch }
      : { StringEquals: { [`${key}:aud`]: trust.audience as string, [`${key}:sub`]: subject } },
  };
}
