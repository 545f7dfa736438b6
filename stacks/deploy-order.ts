/**
 * The order CI deploys stacks in: every environment whose stack lives in Terraform Cloud, in
 * config order, split into the ones before production and production itself (deployed last,
 * behind a GitHub environment with required reviewers). Environments with a local backend are
 * deployed from a workstation (`cdktf deploy <stack>`): CI would lose their state.
 *
 * Run as a script: prints `staged=<json>`, `production=<json>` and `local=<json>` lines for
 * $GITHUB_OUTPUT; with `--list`, the Terraform Cloud stacks in deploy order, one per line.
 */
import { loadSpecFromEnv } from '../lib/config/load';
import type { Spec } from '../lib/spec/types';
import { PRODUCTION_NAME } from '../lib/spec/production';
import { stackName } from './environment-stack';

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
  return {
    staged: remote.filter((e) => !isProduction(e.name)).map((e) => stackName(spec.app, e.name)),
    production: remote.filter((e) => isProduction(e.name)).map((e) => stackName(spec.app, e.name)),
    local: spec.environments.filter((e) => !e.terraformCloud).map((e) => stackName(spec.app, e.name)),
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
