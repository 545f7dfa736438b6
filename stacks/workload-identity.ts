/**
 * One workload's identity in one environment, fanned out to every cloud it needs. The cloud
 * it runs on comes first: the other clouds' trust refers to that identity (its role ARN,
 * service account id or principal id).
 */
import { Construct } from 'constructs';
import type { Cloud } from '../lib/access/vocabulary';
import { AwsWorkloadIdentity } from '../lib/aws/identity';
import type { AwsMonitoring } from '../lib/aws/monitoring';
import type { AwsOidcProviders } from '../lib/aws/oidc-providers';
import { AzureWorkloadIdentity } from '../lib/azure/identity';
import type { AzureCustomRoles } from '../lib/azure/custom-roles';
import type { AzureMonitoring } from '../lib/azure/monitoring';
import { GcpWorkloadIdentity } from '../lib/gcp/identity';
import type { GcpCustomRoles } from '../lib/gcp/custom-roles';
import type { GcpMonitoring } from '../lib/gcp/monitoring';
import type { GcpWorkloadIdentityPool } from '../lib/gcp/workload-identity-pool';
import type { IdentityContext, PeerIdentity } from '../lib/constructs/identity-context';
import { homeCloudOf } from '../lib/sources/source-list';
import { identityNames } from '../lib/spec/names';
import { originalName } from '../lib/spec/renames';
import type { EnvironmentSpec, WorkloadSpec } from '../lib/spec/types';

/** The per-stack resources that the identities of one environment share, per cloud. */
export interface SharedResources {
  readonly aws?: { readonly oidcProviders: AwsOidcProviders; readonly monitoring: AwsMonitoring };
  readonly gcp?: { readonly customRoles: GcpCustomRoles; readonly pool: GcpWorkloadIdentityPool; readonly monitoring: GcpMonitoring };
  readonly azure?: { readonly customRoles: AzureCustomRoles; readonly issuerVariable: (name: string) => string; readonly monitoring: AzureMonitoring };
}

export interface WorkloadIdentityProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
  readonly workload: WorkloadSpec;
  readonly shared: SharedResources;
}

export class WorkloadIdentity extends Construct {
  /** The identity made on each cloud. */
  readonly identities = new Map<Cloud, AwsWorkloadIdentity | GcpWorkloadIdentity | AzureWorkloadIdentity>();

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    const { app, env, workload, shared } = props;
    const context: IdentityContext = {
      app,
      env,
      workload,
      // Cloud names are immutable: a renamed workload keeps the names of its first name.
      names: identityNames(app, env.name, originalName(workload)),
      tags: { app, environment: env.name, workload: workload.name, owner: workload.owner },
      peers: this.identities as ReadonlyMap<Cloud, PeerIdentity>,
    };
    const home = homeCloudOf(workload);
    const order = [...workload.clouds].sort((a, b) => Number(b === home) - Number(a === home));
    for (const cloud of order) this.identities.set(cloud, this.make(cloud, context, shared));
  }

  private make(cloud: Cloud, context: IdentityContext, shared: SharedResources) {
    // Each identity is watched by its environment's monitoring on that cloud as soon as it exists.
    switch (cloud) {
      case 'aws': {
        const aws = shared.aws as NonNullable<SharedResources['aws']>;
        const identity = new AwsWorkloadIdentity(this, 'aws', { context, ...aws });
        aws.monitoring.watch(this, context, identity);
        return identity;
      }
      case 'gcp': {
        const gcp = shared.gcp as NonNullable<SharedResources['gcp']>;
        const identity = new GcpWorkloadIdentity(this, 'gcp', { context, ...gcp });
        gcp.monitoring.watch(this, context, identity);
        return identity;
      }
      case 'azure': {
        const azure = shared.azure as NonNullable<SharedResources['azure']>;
        const identity = new AzureWorkloadIdentity(this, 'azure', { context, ...azure });
        azure.monitoring.watch(this, context, identity);
        return identity;
      }
    }
  }
}
