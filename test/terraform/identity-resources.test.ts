/** The identity table names, on every cloud, the resource each workload gets, its name field and its tags. */
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';
import { parseSpec } from '../../lib/config/load';
import { resourceAt } from '../../lib/terraform/stack-json';
import { stackName } from '../../stacks/environment-stack';
import { example, synthStacks } from '../helpers/synth';

describe('identity resources', () => {
  const spec = parseSpec(example('identity.yaml'), 'identity.yaml');
  const stacks = synthStacks(spec);
  const identities = spec.environments.flatMap((env) => env.workloads.flatMap((w) => w.clouds.map((cloud) => [cloud, env, w] as const)));

  it('cover all three clouds in the example', () => {
    expect(new Set(identities.map(([cloud]) => cloud))).toEqual(new Set(['aws', 'gcp', 'azure']));
  });

  it.each(identities.map(([cloud, env, w]) => [`${env.name}/${w.name}/${cloud}`, cloud, env, w] as const))('%s: one identity, named and tagged', (_id, cloud, env, w) => {
    const { type, nameField, tagsOf } = IDENTITY_RESOURCES[cloud];
    const identity = resourceAt(stacks[stackName(spec.app, env.name)], type, w.name);
    expect(identity).toBeDefined();
    expect(identity?.[nameField]).toEqual(expect.stringMatching(/^[a-z][a-z0-9-]+$/));
    expect(tagsOf(identity ?? {})).toMatchObject({ app: spec.app, environment: env.name, workload: w.name, owner: w.owner });
  });
});
