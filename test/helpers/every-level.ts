/** A config with one workload per (kind, level), each granted exactly that level on that kind's resource. */
import { KIND_NAMES, levelsOf } from '../../lib/kinds';
import type { ResourceKind } from '../../lib/kinds';
import { config, workload } from './configs';

/** Every (kind, level) of the vocabulary. */
export const EVERY_LEVEL: readonly (readonly [ResourceKind, string])[] = KIND_NAMES.flatMap((kind) => levelsOf(kind).map((level) => [kind, level] as const));

/** The workload granted `level` on `kind`. */
export const workloadFor = (kind: string, level: string) => `${kind}-${level}`;

/** Lambda workloads, one per (kind, level), with identities on every cloud. */
export const EVERY_LEVEL_CONFIG = config(
  EVERY_LEVEL.map(([kind, level]) => workload(workloadFor(kind, level), '{ aws: lambda }', [`{ resource: ${kind}, allow: [${level}] }`])).join(''),
);
