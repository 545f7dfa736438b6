/**
 * Only a shard refers to another stack's resources (EnvironmentStack skips cdktf's search for
 * cross-stack references everywhere else). Synthesized as `cdktf synth` does, every reference
 * in an unsharded stack must name something that stack declares, and a shard's references to
 * the shared stack must arrive through remote state.
 */
import { stringify } from 'yaml';
import { generateRawConfig } from '../../bench/generate';
import { example, synthWholeApp } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

/** The addresses a stack declares: `type.name`, `data.type.name`, `var.name`. */
function declared(stack: StackJson): Set<string> {
  const out = new Set<string>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) for (const name of Object.keys(byName)) out.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(stack.data ?? {})) for (const name of Object.keys(byName)) out.add(`data.${type}.${name}`);
  for (const name of Object.keys(stack.variable ?? {})) out.add(`var.${name}`);
  return out;
}

/** The addresses a stack's expressions refer to. */
function referenced(stack: StackJson): Set<string> {
  const out = new Set<string>();
  const text = JSON.stringify({ ...stack, '//': undefined });
  for (const [, expression] of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const [address] of expression.matchAll(/\b(?:data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|var\.[A-Za-z0-9_-]+|(?:aws|google|azurerm)_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) out.add(address);
  }
  return out;
}

function dangling(stack: StackJson): string[] {
  const known = declared(stack);
  return [...referenced(stack)].filter((a) => !known.has(a));
}

describe('stacks refer only to what they declare', () => {
  it('holds for the embedded example', () => {
    const stacks = synthWholeApp(example('identity.yaml'));
    expect(Object.keys(stacks).length).toBeGreaterThan(1);
    for (const [name, stack] of Object.entries(stacks)) {
      expect(referenced(stack).size).toBeGreaterThan(10);
      expect({ name, dangling: dangling(stack) }).toEqual({ name, dangling: [] });
    }
  });

  it('holds for environments sharing one AWS account (the OIDC provider is owned by one, named by ARN in the others)', () => {
    const raw = generateRawConfig({ workloads: 10, environments: 3, seed: 3 });
    const environments = Object.fromEntries(Object.entries(raw.environments).map(([name, env]) => [name, { ...env, aws: env.aws && { ...env.aws, accountId: '111111111111' } }]));
    const stacks = synthWholeApp(stringify({ ...raw, environments }));
    const providers = Object.values(stacks).map((s) => Object.keys(s.resource?.aws_iam_openid_connect_provider ?? {}).length);
    expect(providers.filter((n) => n > 0)).toHaveLength(1);
    for (const [name, stack] of Object.entries(stacks)) expect({ name, dangling: dangling(stack) }).toEqual({ name, dangling: [] });
  });

  it('holds for a sharded environment: shards reach the shared stack through remote state only', () => {
    const stacks = synthWholeApp(stringify(generateRawConfig({ workloads: 18, environments: 1, shards: 3, seed: 5 })));
    const shards = Object.keys(stacks).filter((n) => n.includes('_shard-'));
    expect(shards).toHaveLength(3);
    for (const [name, stack] of Object.entries(stacks)) expect({ name, dangling: dangling(stack) }).toEqual({ name, dangling: [] });
    for (const shard of shards) expect(Object.keys(stacks[shard].data?.terraform_remote_state ?? {})).toHaveLength(1);
  });
});
