/**
 * A workload's AWS identity: an IAM role trusted by exactly its source, with a least-privilege
 * inline policy, the environment's permissions boundary, a session limit and tags.
 */
import { Construct } from 'constructs';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { awsRuntime } from '../sources/aws';
import { GOOGLE_ISSUER } from '../sources/gcp';
import { trustsFor } from '../sources/source-list';
import type { IdentityContext, PeerIdentity } from '../constructs/identity-context';
import { resolveSubject } from '../constructs/identity-context';
import { placeResource } from '../safety/addresses';
import type { AwsEnvironment } from '../spec/types';
import type { AwsOidcProviders } from './oidc-providers';
import { policyDocument, policyJson } from './policy-document';
import { awsRoleStatements } from './role-statements';
import { packRolePolicies } from './role-policies';
import { trustStatement } from './trust-policy';
import { formatWorkloadAddress } from '../terraform/workload-address';

export interface AwsWorkloadIdentityProps {
  readonly context: IdentityContext;
  /** The stack's IAM OIDC providers. */
  readonly oidcProviders: AwsOidcProviders;
}

export class AwsWorkloadIdentity extends Construct implements PeerIdentity {
  readonly role: IamRole;
  /** Absent when the workload has no AWS grants. */
  readonly policy?: IamRolePolicy;
  /** Customer managed policies with the statements beyond the inline policy's size (usually none). */
  readonly managedPolicies: readonly IamPolicy[];
  /** Present for a workload that takes its role through EKS Pod Identity: its first EKS source's association. */
  readonly podIdentityAssociation?: EksPodIdentityAssociation;
  /** Present for a runtime that takes its role through an instance profile (EC2). */
  readonly instanceProfile?: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: AwsWorkloadIdentityProps) {
    super(scope, id);
    const ctx = props.context;
    const aws = ctx.env.aws as AwsEnvironment;
    const w = ctx.workload;
    // One statement per source (a runsOn list trusts each); further sources' Sids end with their key.
    const trusts = trustsFor(w, 'aws', ctx.env);
    const statements = trusts.map(({ trust, key }) => {
      // Google's issuer is built into IAM: it needs no OIDC provider.
      const providerArn = trust.kind === 'oidc' && trust.issuer !== GOOGLE_ISSUER ? props.oidcProviders.arnFor(trust.issuer, trust.audience) : undefined;
      const subject = trust.kind === 'oidc' ? resolveSubject(trust.subject, ctx) : undefined;
      return trustStatement(trust, aws.accountId, providerArn, subject, key);
    });

    this.role = new IamRole(this, 'role', {
      name: ctx.names.awsRole,
      description: `${w.description} (${ctx.app}/${ctx.env.name}/${w.name})`.slice(0, 1000),
      assumeRolePolicy: policyJson(policyDocument(statements)),
      maxSessionDuration: w.sessionMinutes * 60,
      ...(aws.permissionsBoundaryArn && { permissionsBoundary: aws.permissionsBoundaryArn }),
      tags: { ...ctx.tags },
    });
    placeResource(this.role, (workload) => formatWorkloadAddress({ of: 'identity', workload }), w);

    const placed = packRolePolicies(awsRoleStatements(w, aws));
    // The loader refuses a workload whose statements overflow (lib/config/limits.ts).
    if ('overflow' in placed) throw new Error(`${w.name}: ${placed.overflow}`);
    if (placed.inline.length) {
      this.policy = new IamRolePolicy(this, 'policy', {
        name: 'access',
        role: this.role.name,
        policy: policyJson(policyDocument([...placed.inline])),
      });
      placeResource(this.policy, (workload) => formatWorkloadAddress({ of: 'identity', workload }), w);
    }
    // Beyond the inline policy's 10,240 characters: customer managed policies, named after the role.
    this.managedPolicies = placed.managed.map((statements, i) => {
      const policy = new IamPolicy(this, `managed-policy-${i + 1}`, {
        name: `${ctx.names.awsRole}-access-${i + 1}`,
        description: `Access of ${ctx.app}/${ctx.env.name}/${w.name}, part ${i + 2} (the inline policy access is part 1)`,
        policy: policyJson(policyDocument([...statements])),
        tags: { ...ctx.tags },
      });
      placeResource(policy, (workload) => formatWorkloadAddress({ of: 'access', workload, part: i + 1 }), w);
      const attachment = new IamRolePolicyAttachment(this, `managed-policy-attachment-${i + 1}`, { role: this.role.name, policyArn: policy.arn });
      placeResource(attachment, (workload) => formatWorkloadAddress({ of: 'access', workload, part: i + 1 }), w);
      return policy;
    });
    // An association per EKS source: the first source's at the identity's address, a further one's at `<w>_federation_<key>`.
    const associations = trusts.flatMap(({ trust, key }) => {
      if (trust.kind !== 'eks-pod-identity') return [];
      const association = new EksPodIdentityAssociation(this, key ? `pod-identity-association-${key}` : 'pod-identity-association', {
        clusterName: trust.cluster,
        namespace: trust.namespace,
        serviceAccount: trust.serviceAccount,
        roleArn: this.role.arn,
        tags: { ...ctx.tags },
      });
      placeResource(association, (workload) => formatWorkloadAddress(key ? { of: 'federation', workload, key } : { of: 'identity', workload }), w);
      return [association];
    });
    this.podIdentityAssociation = associations[0];
    if (trusts.some(({ trust }) => trust.kind === 'native' && awsRuntime(trust.runtime).instanceProfile)) {
      this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
        name: ctx.names.awsRole,
        role: this.role.name,
        tags: { ...ctx.tags },
      });
      placeResource(this.instanceProfile, (workload) => formatWorkloadAddress({ of: 'identity', workload }), w);
    }
  }

  attribute(name: 'roleArn' | 'uniqueId' | 'principalId'): string {
    if (name !== 'roleArn') throw new Error(`an AWS role has no ${name}`);
    return this.role.arn;
  }
}
