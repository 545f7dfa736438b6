/**
 * Where an environment's stacks keep their state: a Terraform Cloud workspace named like the
 * stack, in the environment's project, or a local file `terraform.<stack>.tfstate`.
 */
import { CloudBackend, LocalBackend, NamedCloudWorkspace } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import type { EnvironmentSpec } from '../lib/spec/types';

/** Gives `stack` (named `name`) the backend of environment `env`. */
export function addEnvironmentBackend(stack: TerraformStack, env: EnvironmentSpec, name: string): void {
  if (env.terraformCloud) {
    const tfc = env.terraformCloud;
    new CloudBackend(stack, {
      hostname: tfc.hostname,
      organization: tfc.organization,
      workspaces: new NamedCloudWorkspace(name, tfc.project),
    });
  } else {
    new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
  }
}
