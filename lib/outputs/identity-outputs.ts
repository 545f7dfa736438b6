/**
 * The stack outputs of every identity a stack makes (names: output-names.ts), so that
 * `terraform output -json` (or `cdktf output <stack>`) gives each value a workload needs,
 * including those Azure and Google Cloud assign only at apply time. Each output also carries
 * the value when it is known at synth, for the generated wiring (lib/wiring).
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { Cloud } from '../access/vocabulary';
import { roleArn } from '../aws/arns';
import type { AwsWorkloadIdentity } from '../aws/identity';
import type { AwsOidcProviders } from '../aws/oidc-providers';
import type { AzureWorkloadIdentity } from '../azure/identity';
import type { GcpWorkloadIdentity } from '../gcp/identity';
import { poolResourceName } from '../gcp/provider-ids';
import type { GcpWorkloadIdentityPool } from '../gcp/workload-identity-pool';
import { gcpPoolId, identityNames } from '../spec/names';
import type { IdentityNames } from '../spec/names';
import { originalName } from '../spec/renames';
import type { EnvironmentSpec, WorkloadSpec } from '../spec/types';
import { IDENTITY_ATTRIBUTES, POOL_OUTPUT_NAME, identityOutputName, oidcProviderOutputName, sourceOutputName } from './output-names';
import type { IdentityAttribute } from './output-names';

/** One output of a stack, and its value where it is known before apply. */
export interface StackOutput {
  readonly name: string;
  readonly description: string;
  /** The value, where the config alone gives it. @default known only after apply */
  readonly known?: string;
}

/** An output of a workload's identity. */
export interface IdentityOutput<C extends Cloud = Cloud> extends StackOutput {
  readonly workload: string;
  readonly cloud: C;
  readonly attribute: IdentityAttribute<C>;
  /** Set for the output of a further source of a runsOn list: its source key. @default the identity's own output */
  readonly key?: string;
}

type IdentityOf = { aws: AwsWorkloadIdentity; gcp: GcpWorkloadIdentity; azure: AzureWorkloadIdentity };

/** A workload's identities, one per cloud (stacks/workload-identity.ts). */
export interface WorkloadIdentities {
  readonly identities: ReadonlyMap<Cloud, IdentityOf[Cloud]>;
}

/** The shared federation resources a stack may own (stacks/workload-identity.ts, SharedResources). */
export interface SharedFederation {
  readonly aws?: { readonly oidcProviders: AwsOidcProviders };
  readonly gcp?: { readonly pool: GcpWorkloadIdentityPool };
}

/** What the known value of an output is computed from. */
interface KnownContext {
  readonly env: EnvironmentSpec;
  readonly names: IdentityNames;
}

/** How to read one output: its reference (absent: the identity has no such value) and, if any, its value known at synth. */
interface OutputRow<C extends Cloud> {
  readonly description: string;
  readonly value: (identity: IdentityOf[C]) => string | undefined;
  readonly known?: (ctx: KnownContext, identity: IdentityOf[C]) => string;
}

const aws = (ctx: KnownContext) => ctx.env.aws as NonNullable<EnvironmentSpec['aws']>;
const gcp = (ctx: KnownContext) => ctx.env.gcp as NonNullable<EnvironmentSpec['gcp']>;
const azure = (ctx: KnownContext) => ctx.env.azure as NonNullable<EnvironmentSpec['azure']>;

/** Every output of every cloud's identity. */
const ROWS: { readonly [C in Cloud]: Readonly<Record<IdentityAttribute<C>, OutputRow<C>>> } = {
  aws: {
    role_arn: { description: 'ARN of the IAM role (role-to-assume, AWS_ROLE_ARN)', value: (i) => i.role.arn, known: (c) => roleArn(aws(c).accountId, c.names.awsRole) },
    role_name: { description: 'name of the IAM role', value: (i) => i.role.name, known: (c) => c.names.awsRole },
    instance_profile_arn: {
      description: 'ARN of the EC2 instance profile',
      value: (i) => i.instanceProfile?.arn,
      known: (c) => `arn:aws:iam::${aws(c).accountId}:instance-profile/${c.names.awsRole}`,
    },
    instance_profile_name: { description: 'name of the EC2 instance profile', value: (i) => i.instanceProfile?.name, known: (c) => c.names.awsRole },
  },
  gcp: {
    service_account_email: {
      description: 'e-mail of the service account (service_account, TFC_GCP_*_SERVICE_ACCOUNT_EMAIL)',
      value: (i) => i.serviceAccount.email,
      known: (c) => `${c.names.gcpAccountId}@${gcp(c).projectId}.iam.gserviceaccount.com`,
    },
    service_account_unique_id: { description: 'unique id of the service account (the subject of its Google ID tokens)', value: (i) => i.serviceAccount.uniqueId },
    workload_identity_provider: {
      description: 'full resource name of the workload identity pool provider of its source (workload_identity_provider, TFC_GCP_WORKLOAD_PROVIDER_NAME)',
      value: (i) => i.workloadIdentityProvider,
      known: (_c, i) => i.workloadIdentityProvider as string,
    },
  },
  azure: {
    client_id: { description: 'client id of the managed identity (AZURE_CLIENT_ID, azure/login client-id)', value: (i) => i.identity.clientId },
    principal_id: { description: 'principal (object) id of the managed identity', value: (i) => i.identity.principalId },
    resource_id: {
      description: 'Azure resource id of the managed identity (to assign it to a Function, Container App or VM)',
      value: (i) => i.identity.id,
      known: (c) => `/subscriptions/${azure(c).subscriptionId}/resourceGroups/${azure(c).resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${c.names.azureIdentity}`,
    },
    tenant_id: { description: 'Microsoft Entra tenant of the managed identity (AZURE_TENANT_ID)', value: (i) => i.identity.tenantId, known: (c) => azure(c).tenantId },
  },
};

export interface IdentityOutputsProps {
  readonly env: EnvironmentSpec;
  readonly app: string;
  /** The stack's workloads, with their identities by workload name. */
  readonly workloads: readonly WorkloadSpec[];
  readonly identities: ReadonlyMap<string, WorkloadIdentities>;
}

/** The outputs of a stack's identities and (addShared) of the shared federation resources it owns. */
export class IdentityOutputs extends Construct {
  /** Every workload's outputs, in workload and cloud order. */
  readonly identities: IdentityOutput[] = [];
  /** The IAM OIDC providers' and the pool's outputs. */
  readonly shared: StackOutput[] = [];
  /** The value of each identity output, by output name: a reference to the identity's attribute, or known text. */
  private readonly values = new Map<string, string>();

  constructor(scope: Construct, id: string, props: IdentityOutputsProps) {
    super(scope, id);
    const { env } = props;
    for (const workload of props.workloads) {
      const made = props.identities.get(workload.name);
      if (!made) continue;
      const ctx: KnownContext = { env, names: identityNames(props.app, env.name, originalName(workload)) };
      for (const cloud of workload.clouds) {
        const identity = made.identities.get(cloud);
        if (identity) this.addIdentity(workload.name, cloud, identity as IdentityOf[typeof cloud], ctx);
      }
    }
  }

  /**
   * The value of an output of a workload's identity, as its output holds it (a reference, which
   * another stack may use: cdktf carries it across); undefined where the identity has no such value.
   */
  valueOf<C extends Cloud>(workload: string, cloud: C, attribute: IdentityAttribute<C>, key?: string): string | undefined {
    return (key !== undefined ? this.values.get(sourceOutputName(workload, cloud, attribute, key)) : undefined) ?? this.values.get(identityOutputName(workload, cloud, attribute));
  }

  /**
   * Adds the outputs of the shared resources the stack owns. Called once every stack of the
   * environment is built: a shard's workloads make the shared stack's providers and pool on first use.
   */
  addShared(app: string, env: EnvironmentSpec, shared: SharedFederation): void {
    for (const [issuer, provider] of shared.aws?.oidcProviders.providers ?? []) {
      this.shared.push(this.add(oidcProviderOutputName(provider.friendlyUniqueId), `ARN of the IAM OIDC provider of ${issuer}`, provider.arn));
    }
    const pool = shared.gcp?.pool.workloadIdentityPool;
    if (pool && env.gcp) {
      const known = poolResourceName(env.gcp.projectNumber, gcpPoolId(app, env.name));
      this.shared.push(this.add(POOL_OUTPUT_NAME, 'full resource name of the workload identity pool', pool.name, known));
    }
  }

  private addIdentity<C extends Cloud>(workload: string, cloud: C, identity: IdentityOf[C], ctx: KnownContext): void {
    const rows = ROWS[cloud] as Readonly<Record<IdentityAttribute<C>, OutputRow<C>>>;
    for (const attribute of IDENTITY_ATTRIBUTES[cloud] as readonly IdentityAttribute<C>[]) {
      const row = rows[attribute];
      const value = row.value(identity);
      if (value === undefined) continue;
      const name = identityOutputName(workload, cloud, attribute);
      this.values.set(name, value);
      const output = this.add(name, `${workload}: ${row.description}`, value, row.known?.(ctx, identity));
      this.identities.push({ ...output, workload, cloud, attribute });
    }
    // The pool provider of each further source of a runsOn list (the first source's is the output above).
    if (cloud === 'gcp') {
      for (const [key, provider] of (identity as GcpWorkloadIdentity).sourceProviders) {
        const attribute = 'workload_identity_provider' as IdentityAttribute<C>;
        const name = sourceOutputName(workload, 'gcp', 'workload_identity_provider', key);
        this.values.set(name, provider);
        const output = this.add(name, `${workload}: full resource name of the workload identity pool provider of its source ${key} (runsOn list)`, provider, provider);
        this.identities.push({ ...output, workload, cloud, attribute, key });
      }
    }
  }

  private add(name: string, description: string, value: string, known?: string): StackOutput {
    new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    return { name, description, ...(known !== undefined && { known }) };
  }
}
