/**
 * A workload's Google Cloud identity: a service account per workload and environment, role
 * bindings on each resource it may touch, and, when the workload runs outside Google Cloud,
 * `roles/iam.workloadIdentityUser` for exactly its federated principal.
 */
import { Construct } from 'constructs';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { GCP_TARGETS, gcpRule } from '../kinds';
import { trustsFor } from '../sources/source-list';
import type { IdentityContext, PeerIdentity } from '../constructs/identity-context';
import { resolveSubject } from '../constructs/identity-context';
import { placeResource } from '../safety/addresses';
import type { GcpEnvironment } from '../spec/types';
import { bindOnResource } from './bindings';
import { bindExtraAccess } from './extra-access';
import type { GcpCustomRoles } from './custom-roles';
import type { GcpWorkloadIdentityPool } from './workload-identity-pool';
import { formatLabelledDescription } from '../terraform/description-labels';
import { formatWorkloadAddress } from '../terraform/workload-address';

/** The role that lets a federated principal act as a service account. */
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

export interface GcpWorkloadIdentityProps {
  readonly context: IdentityContext;
  readonly customRoles: GcpCustomRoles;
  readonly pool: GcpWorkloadIdentityPool;
}

export class GcpWorkloadIdentity extends Construct implements PeerIdentity {
  readonly serviceAccount: ServiceAccount;
  /** The full resource name of the pool provider its federated source comes through; absent for a Google Cloud runtime. */
  readonly workloadIdentityProvider?: string;
  /** The pool provider of each further source of a runsOn list, by source key (lib/sources/source-list.ts). */
  readonly sourceProviders = new Map<string, string>();

  constructor(scope: Construct, id: string, props: GcpWorkloadIdentityProps) {
    super(scope, id);
    const ctx = props.context;
    const gcp = ctx.env.gcp as GcpEnvironment;
    const w = ctx.workload;

    // Service accounts take no labels: the description carries the same tags as AWS and Azure.
    this.serviceAccount = new ServiceAccount(this, 'service-account', {
      project: gcp.projectId,
      accountId: ctx.names.gcpAccountId,
      displayName: `${ctx.app} ${ctx.env.name} ${w.name}`.slice(0, 100),
      description: formatLabelledDescription(w.description, ctx.tags, 255),
    });
    placeResource(this.serviceAccount, (workload) => formatWorkloadAddress({ of: 'identity', workload }), w);
    const member = `serviceAccount:${this.serviceAccount.email}`;

    for (const { resource, levels } of w.grants) {
      const fields = resource.clouds.gcp;
      if (!fields) continue;
      for (const level of levels) {
        const rule = gcpRule(resource.kind, level);
        const role = 'role' in rule ? rule.role : props.customRoles.roleName(rule.custom);
        const address = (workload: string, name: string) => formatWorkloadAddress({ of: 'grant', workload, resource: name, level });
        const binding = bindOnResource(this, address(w.name, resource.name), GCP_TARGETS[rule.on], fields, gcp, role, member, rule.condition?.(fields, gcp));
        placeResource(binding, address, w, resource);
      }
    }

    bindExtraAccess(this, w.name, w.extraAccess.gcp, gcp, member);

    // One binding per source of a runsOn list, each for exactly its principal; a further source's at `<w>_federation_<key>`.
    for (const { trust, key } of trustsFor(w, 'gcp', ctx.env)) {
      if (trust.kind === 'native') continue;
      if (trust.kind === 'eks-pod-identity') throw new Error('EKS Pod Identity serves only AWS');
      const principal =
        trust.kind === 'gcp-member'
          ? trust.member
          : trust.kind === 'aws-role'
            ? props.pool.awsRole(trust.accountId, ctx.names.awsRole)
            : props.pool.oidcSubject(trust.issuer, resolveSubject(trust.subject, ctx), trust.audience, trust.coarse);
      const provider = props.pool.providerNameOf(principal);
      if (key === undefined) this.workloadIdentityProvider = provider;
      else if (provider !== undefined) this.sourceProviders.set(key, provider);
      const federation = new ServiceAccountIamMember(this, key ? `federation-${key}` : 'federation', {
        serviceAccountId: this.serviceAccount.name,
        role: WORKLOAD_IDENTITY_USER,
        member: principal,
      });
      placeResource(federation, (workload) => formatWorkloadAddress({ of: 'federation', workload, ...(key && { key }) }), w);
    }
  }

  attribute(name: 'roleArn' | 'uniqueId' | 'principalId'): string {
    if (name !== 'uniqueId') throw new Error(`a service account has no ${name}`);
    return this.serviceAccount.uniqueId;
  }
}
