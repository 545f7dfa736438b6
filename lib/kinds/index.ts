/**
 * The table of resource kinds, one file each. Adding a kind is one file plus one line here; its
 * levels key its grants on every cloud, so a missing cloud or level fails to compile.
 */
import type { Cloud } from '../access/vocabulary';
import { bucket } from './bucket';
import type { AwsRule, AwsTarget, AzureRule, AzureTarget, GcpRule, GcpTarget, Kind } from './kind';
import { key } from './key';
import { queue } from './queue';
import { secret } from './secret';
import { topic } from './topic';

/** Every kind, in the order the schema, docs and audit settings list them. */
export const KINDS = { bucket, secret, queue, topic, key } as const;

export type ResourceKind = keyof typeof KINDS;
export type LevelOf<K extends ResourceKind> = keyof (typeof KINDS)[K]['levels'] & string;
/** Any level of any kind. */
export type Level = { [K in ResourceKind]: LevelOf<K> }[ResourceKind];

/** A target name of one cloud over every kind, e.g. `objects` on AWS, `cryptoKey` on GCP. */
type TargetOf<C extends Cloud> = { [K in ResourceKind]: keyof (typeof KINDS)[K][C]['targets'] & string }[ResourceKind];
export type AwsTargetName = TargetOf<'aws'>;
export type GcpTargetName = TargetOf<'gcp'>;
export type AzureTargetName = TargetOf<'azure'>;

/** Every kind's name, in table order. */
export const KIND_NAMES = Object.keys(KINDS) as ResourceKind[];

/** A kind with its level and target names widened to strings, for code that reads any kind. */
export const kindOf = (kind: ResourceKind): Kind => KINDS[kind] as Kind;

/** The levels of a kind, in declaration order. */
export function levelsOf(kind: ResourceKind): string[] {
  return Object.keys(KINDS[kind].levels);
}

/** Levels that change or remove data, or act with a key's authority, each once, in table order. */
export const MUTATING_LEVELS: readonly string[] = [
  ...new Set(KIND_NAMES.flatMap((k) => Object.entries(kindOf(k).levels).flatMap(([level, d]) => (d.mutates ? [level] : [])))),
];

/** The rules of one cloud for a kind's level. */
export const awsRules = (kind: ResourceKind, level: string) => kindOf(kind).aws.grants[level] as readonly AwsRule<AwsTargetName>[];
export const gcpRule = (kind: ResourceKind, level: string) => kindOf(kind).gcp.grants[level] as GcpRule<GcpTargetName>;
export const azureRule = (kind: ResourceKind, level: string) => kindOf(kind).azure.grants[level] as AzureRule<AzureTargetName>;

/** Every kind's grants on one cloud, kind → level → rule(s): the table the review reads backwards. */
export function grantTable<C extends Cloud>(cloud: C): { readonly [K in ResourceKind]: Kind[C]['grants'] } {
  return Object.fromEntries(KIND_NAMES.map((k) => [k, kindOf(k)[cloud].grants])) as { readonly [K in ResourceKind]: Kind[C]['grants'] };
}

/**
 * Every kind's targets on one cloud by name, in table order. Kinds share a target by sharing its
 * object (a GCP queue binds on the Pub/Sub topic a topic does); two different targets of one name
 * are a mistake of the table, refused here.
 */
function targetsOn<T>(cloud: Cloud, targetsOfKind: (k: Kind) => Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  const all: Record<string, T> = {};
  for (const k of KIND_NAMES) {
    for (const [name, target] of Object.entries(targetsOfKind(kindOf(k)))) {
      if (Object.hasOwn(all, name) && all[name] !== target) throw new Error(`lib/kinds: two ${cloud} targets are named ${name}: share one object or rename one`);
      all[name] = target;
    }
  }
  return all;
}

export const AWS_TARGETS = targetsOn<AwsTarget>('aws', (k) => k.aws.targets) as Readonly<Record<AwsTargetName, AwsTarget>>;
export const GCP_TARGETS = targetsOn<GcpTarget>('gcp', (k) => k.gcp.targets) as Readonly<Record<GcpTargetName, GcpTarget>>;
export const AZURE_TARGETS = targetsOn<AzureTarget>('azure', (k) => k.azure.targets) as Readonly<Record<AzureTargetName, AzureTarget>>;

/** The names of a cloud's targets, in table order. */
export const targetNames = <T extends string>(targets: Readonly<Record<T, unknown>>): T[] => Object.keys(targets) as T[];

/** The fields naming a kind's resource on a cloud: required ones, then optional ones. */
export function fieldsOf(kind: ResourceKind, cloud: Cloud): { required: string[]; optional: string[] } {
  const { required, optional = {} } = kindOf(kind)[cloud].naming;
  return { required: Object.keys(required), optional: Object.keys(optional) };
}

/** The rule a field value breaks, or undefined when it is valid (or the field has no rule). */
export function brokenNameRule(cloud: Cloud, kind: ResourceKind, field: string, value: string): string | undefined {
  const { required, optional = {} } = kindOf(kind)[cloud].naming;
  // An own field only: a field named `constructor` must not find Object.prototype's.
  const r = Object.hasOwn(required, field) ? required[field] : Object.hasOwn(optional, field) ? optional[field] : undefined;
  return r && !r.pattern.test(value) ? r.rule : undefined;
}
