/**
 * A workload's AWS identity: an IAM role trusted by exactly its source, with a least-privilege
 * inline policy, the environment's permissions boundary, a session limit and tags.
 */
import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from '../federation/sources';
import { GOOGLE_ISSUER, trustFor } from '../federation/trust';
import type { IdentityContext, PeerIdentity } from '../identity-context';
import { resolveSubject } from '../identity-context';
import { placeResource } from '../safety/addresses';
import type { AwsEnvironment } from '../spec/types';
import { awsGrantStatements } from './grants';
import type { AwsOidcProviders } from './oidc-providers';
import { policyDocument, policyJson } from './policy-document';
import type { PolicyStatement } from './policy-document';
import { trustStatement } from './trust-policy';

export interface AwsWorkloadIdentityProps {
  readonly context: IdentityContext;
  /** The stack's IAM OIDC providers. */
  readonly oidcProviders: AwsOidcProviders;
}

export class AwsWorkloadIdentity extends Construct implements PeerIdentity {
  readonly role: IamRole;
  /** Absent when the workload has no AWS grants. */
  readonly policy?: IamRolePolicy;
  /** Present for EC2 workloads. */
  readonly instanceProfile?: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: AwsWorkloadIdentityProps) {
    super(scope, id);
    const ctx = props.context;
    const aws = ctx.env.aws as AwsEnvironment;
    const w = ctx.workload;
    const trust = trustFor(w.source, 'aws', ctx.env);
    // Google's issuer is built into IAM: it needs no OIDC provider.
    const providerArn = trust.kind === 'oidc' && trust.issuer !== GOOGLE_ISSUER ? props.oidcProviders.arnFor(trust.issuer) : undefined;
    const subject = trust.kind === 'oidc' ? resolveSubject(trust.subject, ctx) : undefined;

    this.role = new IamRole(this, 'role', {
      name: ctx.names.awsRole,
      description: `${w.description} (${ctx.app}/${ctx.env.name}/${w.name})`.slice(0, 1000),
      assumeRolePolicy: policyJson(policyDocument([trustStatement(trust, aws.accountId, providerArn, subject)])),
      maxSessionDuration: w.sessionMinutes * 60,
      ...(aws.permissionsBoundaryArn && { permissionsBoundary: aws.permissionsBoundaryArn }),
      tags: { ...ctx.tags },
    });
    placeResource(this.role, (name) => name, w);

    const statements: PolicyStatement[] = awsGrantStatements(w.grants, aws);
    if (w.source.type === 'runtime' && w.source.cloud === 'aws' && w.clouds.includes('azure')) {
      // AWS outbound identity federation: the role mints JWTs for Azure, for that audience only.
      statements.push({
        Sid: 'MintTokenForAzure',
        Effect: 'Allow',
        Action: 'sts:GetWebIdentityToken',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [AZURE_TOKEN_EXCHANGE_AUDIENCE] } },
      });
    }
    // extraAccess statements have the shape of a policy statement (the schema checked it).
    statements.push(...(w.extraAccess.aws as unknown as PolicyStatement[]));
    if (statements.length) {
      this.policy = new IamRolePolicy(this, 'policy', {
        name: 'access',
        role: this.role.name,
        policy: policyJson(policyDocument(statements)),
      });
      placeResource(this.policy, (name) => name, w);
    }
    if (w.source.type === 'runtime' && w.source.runtime === 'ec2') {
      this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
        name: ctx.names.awsRole,
        role: this.role.name,
        tags: { ...ctx.tags },
      });
      placeResource(this.instanceProfile, (name) => name, w);
    }
  }

  attribute(name: 'roleArn' | 'uniqueId' | 'principalId'): string {
    if (name !== 'roleArn') throw new Error(`an AWS role has no ${name}`);
    return this.role.arn;
  }
}
