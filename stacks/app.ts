/** Builds the cdktf app of a spec: one stack per environment. */
import { App } from 'cdktf';
import type { AppConfig } from 'cdktf';
import { planOidcProviders } from '../lib/aws/oidc-providers';
import type { Spec } from '../lib/spec/types';
import { EnvironmentStack } from './environment-stack';

/** The app with every environment's stack; `outdir` and other options as for `new App()`. */
export function buildApp(spec: Spec, options: AppConfig = {}): { app: App; stacks: EnvironmentStack[] } {
  const app = new App(options);
  const oidcProviderPlans = planOidcProviders(spec);
  const stacks = spec.environments.map((env) => new EnvironmentStack(app, { app: spec.app, env, oidcProviderPlans }));
  return { app, stacks };
}
