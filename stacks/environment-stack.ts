/**
 * One environment's stack, `<app>-<env>`: the providers that environment configures, its
 * backend (local, or a Terraform Cloud workspace of the same name), the resources its
 * identities share, and every workload deployed there.
 *
 * A sharded environment (`shards` > 1) has that stack with the shared resources and no
 * workload, and one stack per shard, `<app>-<env>_shard-<k>` (k from 1, its own backend or
 * workspace), holding the shard's workloads and referring to the shared resources: cdktf
 * passes those references through the shared stack's outputs, so it is applied first.
 */
import { formatConstructId } from '../lib/terraform/construct-id';
import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AwsMonitoring } from '../lib/aws/monitoring';
import { AwsOidcProviders } from '../lib/aws/oidc-providers';
import type { OidcProviderPlan } from '../lib/aws/oidc-providers';
import { AzureCustomRoles } from '../lib/azure/custom-roles';
import { AzureMonitoring } from '../lib/azure/monitoring';
import { resourceProvidersOf } from '../lib/azure/resource-providers';
import { GcpCustomRoles } from '../lib/gcp/custom-roles';
import type { AuditConfigNeed } from '../lib/gcp/audit-configs';
import { GcpMonitoring } from '../lib/gcp/monitoring';
import { GcpWorkloadIdentityPool } from '../lib/gcp/workload-identity-pool';
import { IdentityOutputs } from '../lib/outputs/identity-outputs';
import type { StackJson } from '../lib/terraform/stack-json';
import { protectIdentities } from '../lib/safety/protection';
import type { OwnedObject } from '../lib/constructs/shared-ownership';
import type { Cloud } from '../lib/access/vocabulary';
import type { EnvironmentSpec, WorkloadSpec } from '../lib/spec/types';
import { pointLocalRemoteStates } from './local-remote-states';
import { addEnvironmentBackend } from './environment-backend';
import { WorkloadIdentity } from './workload-identity';
import type { SharedResources } from './workload-identity';

export interface EnvironmentStackProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
  /** Every IAM OIDC provider of the spec, so stacks sharing an AWS account agree on the owner. */
  readonly oidcProviderPlans: ReadonlyMap<string, OidcProviderPlan>;
  /** Every GCP audit config of the spec, so stacks sharing a GCP project agree on the owner. */
  readonly gcpAuditConfigs: ReadonlyMap<string, OwnedObject<AuditConfigNeed>>;
  /** The workloads of this stack. @default every workload of the environment */
  readonly workloads?: readonly WorkloadSpec[];
  /** For a shard: its index (0-based) and the shared resources of the environment's stack. @default not a shard */
  readonly shard?: { readonly index: number; readonly shared: SharedResources };
}

/** The hashicorp/aws versions the synthesized stacks are validated against. */
export const AWS_PROVIDER_VERSIONS = '>= 5.100.0, < 7.0.0';

/** The name of an environment's stack (and of its Terraform Cloud workspace); `shard` is 0-based. */
export function stackName(app: string, env: string, shard?: number): string {
  return shard === undefined ? `${app}-${env}` : `${app}-${env}_shard-${shard + 1}`;
}

export class EnvironmentStack extends TerraformStack {
  /** Each workload's identities, by workload name. */
  readonly workloads = new Map<string, WorkloadIdentity>();
  /** The resources this stack's identities share (a shard's are the shared stack's). */
  readonly shared: SharedResources;
  /** The environment this stack (or shard) belongs to. */
  readonly env: EnvironmentSpec;
  /** The outputs of its identities and of the shared resources it owns. */
  readonly outputs: IdentityOutputs;
  /** Whether tokens of this stack refer to another stack's resources: only a shard's do. */
  private readonly refersToOtherStacks: boolean;
  /** The Terraform JSON of the last synthesis, until `takeSynthesized` hands it over. */
  private synthesized?: StackJson;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { app, env, shard } = props;
    const name = stackName(app, env.name, shard?.index);
    super(scope, name);
    this.env = env;
    this.refersToOtherStacks = shard !== undefined;

    addEnvironmentBackend(this, env, name);

    const shared: { -readonly [K in keyof SharedResources]: SharedResources[K] } = {};
    // A cloud's shared resources and monitoring sinks (a CloudTrail trail, a Log Analytics
    // workspace fed the subscription's activity log, notification channels) exist only where
    // a workload of the environment, in any shard, has an identity to watch on it.
    const watched = (cloud: Cloud) => env.workloads.some((w) => w.clouds.includes(cloud));
    if (env.aws) {
      new AwsProvider(this, 'aws', {
        region: env.aws.region,
        allowedAccountIds: [env.aws.accountId],
        defaultTags: [{ tags: { app, environment: env.name, 'managed-by': 'workload-identity' } }],
      });
      // The bindings are generated for provider 6.x; every resource made here is also valid in 5.100+.
      this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSIONS);
      if (!shard && watched('aws')) {
        shared.aws = {
          oidcProviders: new AwsOidcProviders(this, 'aws-oidc-providers', env.name, env.aws.accountId, env.aws.existingOidcProviders ?? {}, props.oidcProviderPlans),
          monitoring: new AwsMonitoring(this, 'aws-monitoring', { app, env }),
        };
      }
    }
    if (env.gcp) {
      new GoogleProvider(this, 'google', { project: env.gcp.projectId, region: env.gcp.region });
      const sharedGcp = shard?.shared.gcp;
      if (watched('gcp')) shared.gcp = sharedGcp
        ? {
            customRoles: sharedGcp.customRoles,
            monitoring: sharedGcp.monitoring,
            pool: new GcpWorkloadIdentityPool(this, 'gcp-workload-identity-pool', app, env.name, env.gcp, {
              pool: sharedGcp.pool,
              providerIdSuffix: `s${shard.index + 1}`,
            }),
          }
        : {
            customRoles: new GcpCustomRoles(this, 'gcp-custom-roles', app, env.name, env.gcp.projectId),
            pool: new GcpWorkloadIdentityPool(this, 'gcp-workload-identity-pool', app, env.name, env.gcp),
            monitoring: new GcpMonitoring(this, 'gcp-monitoring', { app, env, auditConfigs: props.gcpAuditConfigs }),
          };
    }
    const azurerm =
      env.azure &&
      new AzurermProvider(this, 'azurerm', {
        features: [{}],
        subscriptionId: env.azure.subscriptionId,
        tenantId: env.azure.tenantId,
        // Exactly what this stack's resources need, set below (lib/azure/resource-providers.ts).
        resourceProviderRegistrations: 'none',
      });
    if (env.azure && !shard && watched('azure')) {
      const variables = new Map<string, TerraformVariable>();
      shared.azure = {
        customRoles: new AzureCustomRoles(this, 'azure-custom-roles', app, env.name, env.azure.subscriptionId),
        monitoring: new AzureMonitoring(this, 'azure-monitoring', { app, env }),
        issuerVariable: (variable) => {
          let v = variables.get(variable);
          if (!v) {
            v = new TerraformVariable(this, variable, {
              type: 'string',
              description:
                'Outbound web identity federation issuer of this AWS account, trusted by Azure for AWS-hosted workloads ' +
                '(aws iam get-outbound-web-identity-federation-info). Or set aws.outboundIssuer in the config.',
              validation: [{ condition: `\${startswith(var.${variable}, "https://")}`, errorMessage: 'The issuer must be an https URL.' }],
            });
            v.overrideLogicalId(variable);
            variables.set(variable, v);
          }
          return v.stringValue;
        },
      };
    }

    this.shared = shard ? { ...shard.shared, gcp: shared.gcp } : shared;
    const workloads = props.workloads ?? env.workloads;
    for (const workload of workloads) {
      this.workloads.set(workload.name, new WorkloadIdentity(this, formatConstructId(workload.name), { app, env, workload, shared: this.shared }));
    }
    // Named `identity_outputs`: no workload's construct id holds a `_`.
    this.outputs = new IdentityOutputs(this, 'identity_outputs', { app, env, workloads, identities: this.workloads });
    if (azurerm) azurerm.resourceProvidersToRegister = resourceProvidersOf(this);
    if (env.protected) protectIdentities(this, workloads.filter((w) => w.retired).map((w) => this.workloads.get(w.name) as WorkloadIdentity));
  }

  /**
   * Adds the outputs of the resources this stack shares with its shards (none for a shard):
   * called once every stack of the environment is built (stacks/app.ts).
   */
  outputSharedResources(app: string): void {
    if (!this.refersToOtherStacks) this.outputs.addShared(app, this.env, this.shared);
  }

  /**
   * Before synthesis cdktf resolves every element of every stack once more, only to find
   * references to other stacks' resources (and add the outputs and remote state that carry
   * them). A stack that refers to no other stack skips that pass: a quarter of synth time.
   * Stacks sharing an AWS account name each other's OIDC providers by ARN, not by reference.
   * A shard reads its environment stack's state from where that stack runs (local-remote-states.ts).
   */
  override prepareStack(): void {
    if (this.refersToOtherStacks) {
      super.prepareStack();
      pointLocalRemoteStates(this);
    } else this.ensureBackendExists();
  }

  /** The Terraform JSON cdktf writes to cdk.tf.json, kept for `takeSynthesized`. */
  override toTerraform(): StackJson {
    this.synthesized = super.toTerraform() as StackJson;
    return this.synthesized;
  }

  /**
   * The Terraform JSON the last synthesis wrote, handed over once so the stack stops holding
   * it: the guardrails read it without parsing cdk.tf.json back.
   */
  takeSynthesized(): StackJson {
    const json = this.synthesized;
    if (!json) throw new Error(`stack ${this.node.id} has not been synthesized to JSON (SYNTH_HCL_OUTPUT is not supported: the guardrails read the JSON)`);
    this.synthesized = undefined;
    return json;
  }
}
