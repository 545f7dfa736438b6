/**
 * Refuses, at load, an `environments.<env>.manageWorkspaceVariables` that would manage nothing
 * or fight over a variable (stacks/workspace-variables-stack.ts): Terraform Cloud keeps one
 * variable per key and category in a workspace (the workspace variables API), so two workloads
 * may not give the same per-phase variable of one workspace, nor two environments' stacks manage
 * the same workspace.
 */
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { shown, shownName } from '../spec/echo';
import { sourcePath } from '../sources/source-list';
import type { Source, Spec, WorkloadSpec } from '../spec/types';
import type { TerraformCloudFields } from '../wiring/source-fields';
import { runsOnTerraformCloud, terraformCloudSources, workspaceKey, workspaceVariables } from '../wiring/terraform-cloud-variables';

const runsOnPath = (w: WorkloadSpec, source: Source): ConfigPath => [...sourcePath(w, w.sources.indexOf(source)), 'terraformCloud'];
const named = (w: TerraformCloudFields) => `workspace ${shown(w.workspace)} of organization ${shown(w.organization)} on ${w.hostname}`;

/** Problems with the environments that manage their Terraform Cloud workspace variables. */
export function checkWorkspaceVariables(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  /** The environment that manages each workspace, by workspace key. */
  const managedBy = new Map<string, string>();
  for (const env of spec.environments.filter((e) => e.manageWorkspaceVariables)) {
    const workloads = env.workloads.filter(runsOnTerraformCloud);
    if (!workloads.length) {
      problems.push({
        path: ['environments', env.name, 'manageWorkspaceVariables'],
        message: `is on, but no workload of environment ${shownName(env.name)} runs on Terraform Cloud (runsOn.terraformCloud), so there is no workspace variable to set: add one or remove the switch`,
      });
      continue;
    }
    /** The workload that gives each per-phase variable, by workspace key and variable key. */
    const givenBy = new Map<string, string>();
    for (const { workload, source } of workloads.flatMap((workload) => terraformCloudSources(workload).map(({ source }) => ({ workload, source })))) {
      const { workspace, variables } = workspaceVariables(env, workload, source);
      const key = workspaceKey(workspace);
      const other = managedBy.get(key) ?? env.name;
      managedBy.set(key, other);
      if (other !== env.name) {
        problems.push({
          path: runsOnPath(workload, source),
          message: `runs in ${named(workspace)}, whose variables environments ${shownName(other)} and ${shownName(env.name)} both manage (manageWorkspaceVariables): put {env} in the workspace name, or turn the switch off in one of them`,
        });
        continue;
      }
      const taken = variables.filter((v) => v.perPhase && givenBy.has(`${key}\0${v.key}`));
      if (taken.length) {
        problems.push({
          path: runsOnPath(workload, source),
          message: `would set ${taken.map((v) => v.key).join(', ')} of ${named(workspace)} in environment ${shownName(env.name)}, as workload ${shownName(givenBy.get(`${key}\0${taken[0].key}`) as string)} does: a workspace takes one identity per cloud and run phase`,
        });
        continue;
      }
      for (const v of variables) if (v.perPhase) givenBy.set(`${key}\0${v.key}`, workload.name);
    }
  }
  return problems;
}
