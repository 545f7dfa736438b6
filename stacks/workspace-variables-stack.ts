/**
 * An environment's Terraform Cloud workspace variables, the stack `<app>-<env>_workspace-variables`
 * (config: `environments.<env>.manageWorkspaceVariables: true`): for every workload of the
 * environment that runs on Terraform Cloud, the environment variables that turn on dynamic
 * provider credentials in its workspace (which ones: lib/wiring/terraform-cloud-variables.ts),
 * set with the tfe provider, so a new environment's runs authenticate with no variable set by
 * hand. The values are the identity stacks' outputs, taken by cdktf as cross-stack references:
 * this stack reads them from those stacks' state and is applied after them. Its own backend is
 * the environment's (environment-backend.ts).
 *
 * What the tfe provider accepts (terraform-provider-tfe v0.71.0, the version @cdktf/provider-tfe
 * 12.5.1 is generated for): tfe_variable, internal/provider/resource_tfe_variable.go (Schema):
 * `key` and `category` required, `category` one of "env" and "terraform", exactly one of
 * `workspace_id` (`^ws-[a-zA-Z0-9]{16}$`, resource_tfe_workspace.go: workspaceIDRegexp) and
 * `variable_set_id`; `value` and `description` default "", `hcl` and `sensitive` default false.
 * data tfe_workspace, internal/provider/data_source_workspace.go: `name` required,
 * `organization` optional (else the provider's). The provider's token comes from `TFE_TOKEN` or
 * the Terraform CLI credentials of its `hostname` (internal/client/client.go): it needs
 * permission to read and write the workspaces' variables.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { stableHash } from '../lib/spec/names';
import type { EnvironmentSpec, WorkloadSpec } from '../lib/spec/types';
import type { TerraformCloudFields } from '../lib/wiring/source-fields';
import { runsOnTerraformCloud, terraformCloudSources, workspaceKey, workspaceVariables } from '../lib/wiring/terraform-cloud-variables';
import type { WorkspaceVariable } from '../lib/wiring/terraform-cloud-variables';
import { addEnvironmentBackend } from './environment-backend';
import { pointLocalRemoteStates } from './local-remote-states';
import type { EnvironmentStack } from './environment-stack';
import { stackName } from './environment-stack';

/** The name of an environment's workspace variables stack (and of its Terraform Cloud workspace). */
export function workspaceVariablesStackName(app: string, env: string): string {
  return `${stackName(app, env)}_workspace-variables`;
}

/**
 * The Terraform name of a workspace's data source and the prefix of its variables: its name,
 * kept to letters, digits, `_` and `-`, and a hash of host, organization and name, so two
 * workspaces of the same name in two organizations stay apart.
 */
const workspaceSlug = (w: TerraformCloudFields) => `ws_${w.workspace.replace(/[^A-Za-z0-9_-]/g, '_')}_${stableHash([workspaceKey(w)], 6)}`;

export interface WorkspaceVariablesStackProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
  /** The environment's stacks (the stack and its shards), whose identity outputs give the values. */
  readonly identityStacks: readonly EnvironmentStack[];
}

export class WorkspaceVariablesStack extends TerraformStack {
  private readonly providers = new Map<string, TfeProvider>();
  private readonly workspaces = new Map<string, DataTfeWorkspace>();
  private readonly variables = new Set<string>();

  constructor(scope: Construct, props: WorkspaceVariablesStackProps) {
    const { app, env } = props;
    const name = workspaceVariablesStackName(app, env.name);
    super(scope, name);
    addEnvironmentBackend(this, env, name);
    for (const workload of env.workloads.filter(runsOnTerraformCloud)) {
      const identities = props.identityStacks.find((s) => s.workloads.has(workload.name));
      if (!identities) throw new Error(`no stack of environment ${env.name} holds workload ${workload.name}`);
      // Each Terraform Cloud source of a runsOn list runs in its own workspace (or phase).
      for (const { source, key } of terraformCloudSources(workload)) {
        const { workspace, variables } = workspaceVariables(env, workload, source);
        for (const variable of variables) this.set(workspace, variable, workload, identities, name, key);
      }
    }
  }

  /** Adds the cross-stack references (cdktf's outputs and remote state), readable where each stack runs. */
  override prepareStack(): void {
    super.prepareStack();
    pointLocalRemoteStates(this);
  }

  /**
   * Sets one variable on a workspace. A variable that is not per phase is the same for every
   * workload of the workspace, so the first one sets it; a per-phase one is given by one workload
   * only (lib/config/check-workspace-variables.ts refuses two).
   */
  private set(workspace: TerraformCloudFields, variable: WorkspaceVariable, workload: WorkloadSpec, identities: EnvironmentStack, stack: string, key?: string): void {
    const id = `${workspaceSlug(workspace)}_${variable.key.toLowerCase()}`;
    if (this.variables.has(id)) return;
    this.variables.add(id);
    const { value } = variable;
    const text = 'text' in value ? value.text : identities.outputs.valueOf(workload.name, value.cloud, value.attribute as never, key);
    if (text === undefined) throw new Error(`workload ${workload.name} has no identity output for ${variable.key}`);
    const provider = this.provider(workspace.hostname);
    new Variable(this, id, {
      provider,
      workspaceId: this.workspace(workspace, provider).id,
      key: variable.key,
      value: text,
      category: 'env',
      description: `Dynamic provider credentials${variable.perPhase ? ` of workload ${workload.name}` : ''}, set by workload-identity (stack ${stack})`,
    }).overrideLogicalId(id);
  }

  /** The tfe provider of a Terraform Cloud or Enterprise host, aliased by its name. */
  private provider(hostname: string): TfeProvider {
    let provider = this.providers.get(hostname);
    if (!provider) {
      // A host name is lowercase letters, digits, `-` and `.` (schema.ts, HOSTNAME): with `.` as `_`, a Terraform name.
      const alias = `host_${hostname.replace(/\./g, '_')}`;
      provider = new TfeProvider(this, alias, { hostname, alias });
      this.providers.set(hostname, provider);
    }
    return provider;
  }

  private workspace(workspace: TerraformCloudFields, provider: TfeProvider): DataTfeWorkspace {
    const key = workspaceKey(workspace);
    let data = this.workspaces.get(key);
    if (!data) {
      const id = workspaceSlug(workspace);
      data = new DataTfeWorkspace(this, id, { provider, name: workspace.workspace, organization: workspace.organization });
      data.overrideLogicalId(id);
      this.workspaces.set(key, data);
    }
    return data;
  }
}
