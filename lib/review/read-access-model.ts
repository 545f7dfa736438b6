/** Builds the access model of a synthesis from its stacks, every cloud's reader in turn. */
import type { AccessModel, IdentityAccess, StackAccess } from './access-model';
import { readAwsIdentities } from './read-aws';
import { readAzureIdentities } from './read-azure';
import { readGcpIdentities } from './read-gcp';
import type { SynthesizedStacks } from './synthesized-stacks';
import { IDENTITY_RESOURCES } from '../terraform/identity-resources';
import { resourcesOf } from '../terraform/stack-json';
import type { StackJson } from '../terraform/stack-json';

/** The access model of every stack, identities ordered by workload then cloud. */
export function readAccessModel(stacks: SynthesizedStacks): AccessModel {
  return { stacks: Object.entries(stacks).map(([name, stack]) => readStack(name, stack)) };
}

function readStack(name: string, stack: StackJson): StackAccess {
  const gcp = readGcpIdentities(stack);
  const azure = readAzureIdentities(stack);
  // GCP and Azure addresses carry the config's resource names; AWS statement ids only their camel case.
  const known = new Set([...gcp, ...azure].flatMap((i) => i.grants.filter((g) => g.level).map((g) => g.resource)));
  const identities = [...readAwsIdentities(stack, known), ...gcp, ...azure].sort(
    (a, b) => a.workload.localeCompare(b.workload) || CLOUD_ORDER.indexOf(a.cloud) - CLOUD_ORDER.indexOf(b.cloud),
  );
  return { stack: name, environment: environmentOf(stack) ?? name, identities };
}

const CLOUD_ORDER: readonly IdentityAccess['cloud'][] = ['aws', 'gcp', 'azure'];

/** The `environment` tag of the stack's identities, AWS first, then Azure, then GCP. */
function environmentOf(stack: StackJson): string | undefined {
  for (const cloud of ['aws', 'azure', 'gcp'] as const) {
    const { type, tagsOf } = IDENTITY_RESOURCES[cloud];
    for (const [, r] of resourcesOf(stack, type)) {
      const env = tagsOf(r).environment;
      if (typeof env === 'string' && env) return env;
    }
  }
  return undefined;
}
