/**
 * Builds the cdktf app of a spec: one stack per environment, or per shard and one shared (see
 * EnvironmentStack), and, where the environment manages them, its Terraform Cloud workspace
 * variables (WorkspaceVariablesStack).
 */
import { App } from 'cdktf';
import type { AppConfig } from 'cdktf';
import { planOidcProviders } from '../lib/aws/oidc-providers';
import { planGcpAuditConfigs } from '../lib/gcp/audit-configs';
import { splitIntoShards } from '../lib/spec/shards';
import type { EnvironmentSpec, Spec } from '../lib/spec/types';
import { EnvironmentStack } from './environment-stack';
import { WorkspaceVariablesStack } from './workspace-variables-stack';

/**
 * The app with the stacks of `environments` (default: every environment of the spec);
 * `outdir` and other options as for `new App()`.
 */
export function buildApp(
  spec: Spec,
  options: AppConfig = {},
  environments: readonly EnvironmentSpec[] = spec.environments,
): { app: App; stacks: EnvironmentStack[]; workspaceVariables: WorkspaceVariablesStack[] } {
  const app = new App(options);
  // Planned from the whole spec: stacks sharing an AWS account or a GCP project agree on who owns each shared object.
  const oidcProviderPlans = planOidcProviders(spec);
  const gcpAuditConfigs = planGcpAuditConfigs(spec);
  const workspaceVariables: WorkspaceVariablesStack[] = [];
  const stacks = environments.flatMap((env) => {
    const whole = new EnvironmentStack(app, { app: spec.app, env, oidcProviderPlans, gcpAuditConfigs, ...(env.shards > 1 && { workloads: [] }) });
    const shards =
      env.shards === 1
        ? []
        : splitIntoShards(env.workloads, (w) => w.name, env.shards).map(
            (workloads, index) => new EnvironmentStack(app, { app: spec.app, env, oidcProviderPlans, gcpAuditConfigs, workloads, shard: { index, shared: whole.shared } }),
          );
    // The shards have made the shared providers and pool they use.
    whole.outputSharedResources(spec.app);
    if (env.manageWorkspaceVariables) workspaceVariables.push(new WorkspaceVariablesStack(app, { app: spec.app, env, identityStacks: [whole, ...shards] }));
    return [whole, ...shards];
  });
  return { app, stacks, workspaceVariables };
}
