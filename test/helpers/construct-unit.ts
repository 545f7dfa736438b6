/**
 * Per-construct unit tests (test/constructs/): the smallest spec, one construct in a bare stack,
 * synthesized with validations. No app builder, no other construct than the one under test and
 * the shared constructs it takes as props, so a failure points at that construct.
 */
import { Testing, TerraformStack } from 'cdktf';
import { parseSpec } from '../../lib/config/load';
import type { Cloud } from '../../lib/access/vocabulary';
import type { IdentityContext, PeerIdentity } from '../../lib/constructs/identity-context';
import { identityNames } from '../../lib/spec/names';
import type { EnvironmentSpec, Spec, WorkloadSpec } from '../../lib/spec/types';
import type { StackJson } from '../../lib/terraform/stack-json';

/** A loaded spec and one of its environments and workloads. */
export interface UnitInput {
  readonly spec: Spec;
  readonly env: EnvironmentSpec;
  readonly workload: WorkloadSpec;
}

/** Specs loaded, by their YAML: a file's cases share one load. */
const loaded = new Map<string, Spec>();

/** Loads `yaml` (through the real loader: defaults applied, `{env}` expanded) and picks an environment and a workload. */
export function unitInput(yaml: string, envName: string, workloadName: string): UnitInput {
  let spec = loaded.get(yaml);
  if (!spec) loaded.set(yaml, (spec = parseSpec(yaml, 'unit.yaml')));
  const env = spec.environments.find((e) => e.name === envName);
  const workload = env?.workloads.find((w) => w.name === workloadName);
  if (!env || !workload) throw new Error(`no workload ${workloadName} in environment ${envName}`);
  return { spec, env, workload };
}

/**
 * The context stacks/workload-identity.ts gives every identity construct: names from
 * (app, env, workload), and the tags app, environment, workload, owner.
 */
export function identityContext({ spec, env, workload }: UnitInput, peers: ReadonlyMap<Cloud, PeerIdentity> = new Map()): IdentityContext {
  return {
    app: spec.app,
    env,
    workload,
    names: identityNames(spec.app, env.name, workload.name),
    tags: { app: spec.app, environment: env.name, workload: workload.name, owner: workload.owner },
    peers,
  };
}

/** A bare stack in a fresh test app. */
export function unitStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'unit');
}

/** The stack's Terraform JSON, synthesized with cdktf's validations. */
export function synthUnit(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack, true)) as StackJson;
}

/** Every `type.name` of the stack's resources (and `data.type.name` of its data sources), sorted. */
export function addressesOf(json: StackJson): string[] {
  const of = (prefix: string, block: StackJson['resource']) =>
    Object.entries(block ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
  return [...of('', json.resource), ...of('data.', json.data)].sort();
}

/** One resource's configuration; fails the test when it is absent. */
export function resource(json: StackJson, type: string, name: string): Record<string, unknown> {
  const r = json.resource?.[type]?.[name];
  if (!r) throw new Error(`no ${type}.${name} in ${addressesOf(json).join(', ')}`);
  return r as Record<string, unknown>;
}

/** A JSON-string attribute (a policy document) parsed. */
export function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
  return JSON.parse(value);
}

/** `make`, run on first call and remembered: a case's synthesis runs inside its first test, so a construct that throws fails that test, not the file. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
