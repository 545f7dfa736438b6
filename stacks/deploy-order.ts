/**
 * The order CI deploys stacks in: every environment whose stack lives in Terraform Cloud, in
 * config order, split into the ones before production and production itself (deployed last,
 * behind a GitHub environment with required reviewers). An environment that manages its
 * workspace variables deploys that stack right after its own: it reads the identities' outputs. Environments with a local backend are
 * deployed from a workstation (`cdktf deploy <stack>`): CI would lose their state.
 *
 * Run as a script: prints `staged=<json>`, `production=<json>` and `local=<json>` lines for
 * $GITHUB_OUTPUT; with `--list`, the Terraform Cloud stacks in deploy order, one per line.
 */
import { loadSpecFromEnv } from '../lib/config/load';
import { PRODUCTION_NAME } from '../lib/spec/production';
import type { EnvironmentSpec, Spec } from '../lib/spec/types';
import { stackName } from './environment-stack';
import { workspaceVariablesStackName } from './workspace-variables-stack';

export interface DeployOrder {
  /** Stacks deployed one after the other, before production. */
  readonly staged: readonly string[];
  readonly production: readonly string[];
  /** Stacks with a local backend, left to `cdktf deploy` by hand. */
  readonly local: readonly string[];
}

/**
 * The deploy order of a spec. `production`: the environments that are production.
 * @default names matching PRODUCTION_NAME
 */
export function deployOrder(spec: Spec, production?: readonly string[]): DeployOrder {
  const isProduction = (env: string) => (production ? production.includes(env) : PRODUCTION_NAME.test(env));
  const remote = spec.environments.filter((e) => e.terraformCloud);
  const stacksOf = (e: EnvironmentSpec) => [stackName(spec.app, e.name), ...(e.manageWorkspaceVariables ? [workspaceVariablesStackName(spec.app, e.name)] : [])];
  return {
    staged: remote.filter((e) => !isProduction(e.name)).flatMap(stacksOf),
    production: remote.filter((e) => isProduction(e.name)).flatMap(stacksOf),
    local: spec.environments.filter((e) => !e.terraformCloud).flatMap(stacksOf),
  };
}

if (require.main === module) {
  const names = process.env.PRODUCTION_ENVIRONMENTS?.split(',').map((s) => s.trim()).filter(Boolean);
  const order = deployOrder(loadSpecFromEnv(), names?.length ? names : undefined);
  process.stdout.write(
    process.argv.includes('--list')
      ? [...order.staged, ...order.production].map((s) => `${s}\n`).join('')
      : `staged=${JSON.stringify(order.staged)}\nproduction=${JSON.stringify(order.production)}\nlocal=${JSON.stringify(order.local)}\n`,
  );
}
