/**
 * The Terraform JSON of one synthesized stack, as cdktf writes it to `cdk.tf.json`: the one
 * type every reader of a synthesis (guardrails, API rules, safety checks, review, tests) uses.
 */
import { formatAddress } from './address';
import type { MovedJson } from './moved-block';

/** One resource's (or data source's, variable's, output's) configuration. */
export type ResourceJson = Readonly<Record<string, unknown>>;

/** Resources of each type, by name: the shape of `resource` and `data`. */
export type ResourcesJson = Readonly<Record<string, Readonly<Record<string, ResourceJson>>>>;

/** One stack's Terraform JSON. */
export interface StackJson {
  readonly resource?: ResourcesJson;
  readonly data?: ResourcesJson;
  readonly variable?: Readonly<Record<string, ResourceJson>>;
  readonly output?: Readonly<Record<string, ResourceJson>>;
  readonly terraform?: ResourceJson;
  readonly provider?: Readonly<Record<string, readonly ResourceJson[]>>;
  readonly moved?: readonly MovedJson[];
  readonly [key: string]: unknown;
}

/** A stack's JSON and the stack's name. */
export interface NamedStackJson {
  readonly name: string;
  readonly json: StackJson;
}

/** The resources of one type, as `[name, config]`. */
export function resourcesOf(stack: StackJson, type: string): [string, ResourceJson][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** One resource by type and name. */
export function resourceAt(stack: StackJson, type: string, name: string): ResourceJson | undefined {
  return stack.resource?.[type]?.[name];
}

/** Every resource of the stack by address (`type.name`), in synthesis order. */
export function resourcesByAddress(stack: StackJson): Map<string, ResourceJson> {
  const out = new Map<string, ResourceJson>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) out.set(formatAddress({ type, name }), config);
  }
  return out;
}

/** A string (or number, as text) field of a resource, or undefined. */
export function stringField(resource: ResourceJson | undefined, field: string): string | undefined {
  const v = resource?.[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
