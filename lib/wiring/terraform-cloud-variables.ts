/**
 * The workspace environment variables that turn on Terraform Cloud's dynamic provider
 * credentials for a workload whose runs are its source, for the run phase its identity
 * trusts (the phase variables fall back to the RUN ones, which this project never sets: a
 * role that trusts only apply must not be offered to plans). HashiCorp's references:
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 * (TFC_AWS_PROVIDER_AUTH, TFC_AWS_RUN_ROLE_ARN, TFC_AWS_PLAN_ROLE_ARN, TFC_AWS_APPLY_ROLE_ARN),
 * .../gcp-configuration (TFC_GCP_PROVIDER_AUTH, TFC_GCP_WORKLOAD_PROVIDER_NAME,
 * TFC_GCP_PLAN_SERVICE_ACCOUNT_EMAIL, TFC_GCP_APPLY_SERVICE_ACCOUNT_EMAIL),
 * .../azure-configuration (TFC_AZURE_PROVIDER_AUTH, TFC_AZURE_PLAN_CLIENT_ID,
 * TFC_AZURE_APPLY_CLIENT_ID; ARM_SUBSCRIPTION_ID and ARM_TENANT_ID, which the azurerm provider
 * needs from its configuration or the workspace: "Configure the AzureRM or Microsoft Entra ID Provider").
 * The default audiences (aws.workload.identity, the provider's own name, api://AzureADTokenExchange)
 * are the ones the identities trust (lib/federation/sources.ts), so no audience variable is set.
 * The RUN variable is "optional if" the PLAN and APPLY ones "are both provided" (same pages, as
 * read in hashicorp/web-unified-docs content/terraform-docs-common/docs/cloud-docs/dynamic-provider-credentials/
 * {aws-configuration/index,gcp-configuration,azure-configuration}.mdx, "Required Environment
 * Variables"): a workspace that plans and applies on a cloud needs one workload per phase.
 */
import type { Cloud } from '../access/vocabulary';
import type { IdentityAttribute } from '../outputs/output-names';
import { sourceKey } from '../sources/source-list';
import type { EnvironmentSpec, OidcSource, Source, WorkloadSpec } from '../spec/types';
import { terraformCloudFields } from './source-fields';
import type { TerraformCloudFields } from './source-fields';
import { shellWord } from './quote';
import type { Snippet, WiringContext } from './wiring-context';

/** A variable's value: text, or an output of the workload's identity. */
export type VariableValue = { readonly text: string } | { readonly [C in Cloud]: { readonly cloud: C; readonly attribute: IdentityAttribute<C> } }[Cloud];

export interface WorkspaceVariable {
  readonly key: string;
  readonly value: VariableValue;
  /**
   * Named for the workload's run phase (`TFC_AWS_APPLY_ROLE_ARN`): one workload per phase and
   * cloud gives it. Otherwise the same for every workload of the environment that runs in the
   * workspace (`TFC_AWS_PROVIDER_AUTH`, the pool provider of the workspace's host, the Azure
   * subscription and tenant), so a workspace's plan and apply workloads share it.
   */
  readonly perPhase: boolean;
}

const azure = (env: EnvironmentSpec) => env.azure as NonNullable<EnvironmentSpec['azure']>;

/** The variables of each cloud, for a run phase. */
const VARIABLES: { readonly [C in Cloud]: (phase: string, env: EnvironmentSpec) => WorkspaceVariable[] } = {
  aws: (phase) => [
    { key: 'TFC_AWS_PROVIDER_AUTH', value: { text: 'true' }, perPhase: false },
    { key: `TFC_AWS_${phase}_ROLE_ARN`, value: { cloud: 'aws', attribute: 'role_arn' }, perPhase: true },
  ],
  gcp: (phase) => [
    { key: 'TFC_GCP_PROVIDER_AUTH', value: { text: 'true' }, perPhase: false },
    { key: 'TFC_GCP_WORKLOAD_PROVIDER_NAME', value: { cloud: 'gcp', attribute: 'workload_identity_provider' }, perPhase: false },
    { key: `TFC_GCP_${phase}_SERVICE_ACCOUNT_EMAIL`, value: { cloud: 'gcp', attribute: 'service_account_email' }, perPhase: true },
  ],
  azure: (phase, env) => [
    { key: 'TFC_AZURE_PROVIDER_AUTH', value: { text: 'true' }, perPhase: false },
    { key: `TFC_AZURE_${phase}_CLIENT_ID`, value: { cloud: 'azure', attribute: 'client_id' }, perPhase: true },
    { key: 'ARM_SUBSCRIPTION_ID', value: { text: azure(env).subscriptionId }, perPhase: false },
    { key: 'ARM_TENANT_ID', value: { text: azure(env).tenantId }, perPhase: false },
  ],
};

/** Whether a workload's runs are Terraform Cloud runs (`runsOn.terraformCloud`). */
export const runsOnTerraformCloud = (workload: WorkloadSpec): boolean => workload.sources.some(isTerraformCloud);

const isTerraformCloud = (source: Source): source is OidcSource => source.type === 'oidc' && source.provider === 'terraformCloud';

/** The Terraform Cloud sources of a workload (several in a runsOn list), each with its source key (undefined for the first source). */
export function terraformCloudSources(workload: WorkloadSpec): { source: OidcSource; key?: string }[] {
  return workload.sources.flatMap((source, i) => (isTerraformCloud(source) ? [{ source, ...(i > 0 && { key: sourceKey(source) }) }] : []));
}

/** The workspace a Terraform Cloud workload runs in (`source`, default its first source), and the variables its runs need there. */
export function workspaceVariables(env: EnvironmentSpec, workload: WorkloadSpec, source: Source = workload.source): { workspace: TerraformCloudFields; variables: WorkspaceVariable[] } {
  const workspace = terraformCloudFields(source as OidcSource);
  const phase = workspace.runPhase.toUpperCase();
  return { workspace, variables: workload.clouds.flatMap((cloud) => VARIABLES[cloud](phase, env)) };
}

/**
 * What names one Terraform Cloud workspace: its host, organization and name (a workspace name
 * is unique in its organization; the project only groups it).
 */
export function workspaceKey(workspace: TerraformCloudFields): string {
  return [workspace.hostname, workspace.organization, workspace.workspace].join('\0');
}

export function terraformCloudSnippets(ctx: WiringContext): Snippet[] {
  const { workspace, variables } = workspaceVariables(ctx.env, ctx.workload, ctx.source);
  const lines = variables.map(({ key, value }) => {
    const v = 'text' in value ? { known: value.text } : ctx.required(value.cloud, value.attribute as never);
    return 'known' in v ? `${key}=${shellWord(v.known)}` : `${key}="$(${v.command})"`;
  });
  // Names hold no newline that matters here: the comment is one line of the workspace's names, each quoted.
  const where = `# Environment variables of workspace ${shellWord(workspace.workspace)} (organization ${shellWord(workspace.organization)}, project ${shellWord(workspace.project)}) on ${workspace.hostname}`;
  const managed = ctx.env.manageWorkspaceVariables ? ': set by the environment\'s workspace-variables stack (manageWorkspaceVariables), nothing to set by hand' : '';
  return [{ title: `Terraform Cloud workspace variables (category env; ${workspace.runPhase} phase)${managed}`, language: 'shell', text: `${[where.replace(/\n/g, ' '), ...lines].join('\n')}\n` }];
}
