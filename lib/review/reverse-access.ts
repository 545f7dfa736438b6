/**
 * The kinds' grants on each cloud (`lib/kinds`, `grantTable`) read backwards: from a native
 * term (an IAM action, a role, a custom role's permissions) to the kinds and levels that map to
 * it. One function serves the three clouds; each caller says what a rule's native keys are.
 */
import type { ResourceKind } from '../kinds';
import { parseWorkloadAddress } from '../terraform/workload-address';

/** A kind and level whose rule contains a native key. */
export interface LevelCandidate<R> {
  readonly kind: ResourceKind;
  readonly level: string;
  readonly rule: R;
}

/** Native key → every (kind, level, rule) whose rule has that key, in table order. */
export function reverseAccessTable<R>(
  table: { readonly [K in ResourceKind]: Readonly<Record<string, R>> },
  keysOf: (rule: R) => readonly string[],
): ReadonlyMap<string, readonly LevelCandidate<R>[]> {
  const index = new Map<string, LevelCandidate<R>[]>();
  for (const kind of Object.keys(table) as ResourceKind[]) {
    for (const [level, rule] of Object.entries(table[kind])) {
      for (const key of new Set(keysOf(rule))) {
        const list = index.get(key) ?? [];
        list.push({ kind, level, rule });
        index.set(key, list);
      }
    }
  }
  return index;
}

/** The key of a custom role by content: its permissions (or data actions), sorted. */
export function permissionSetKey(permissions: readonly string[]): string {
  return `permissions:${[...permissions].sort().join(',')}`;
}

/**
 * Picks the candidate for a binding: those whose target matches, then, when several remain
 * (one role serving two levels, e.g. Pub/Sub publisher for queue send and topic publish), the
 * one whose level ends the resource's address (`<workload>_<resource>_<level>`).
 */
export function pickCandidate<R>(
  candidates: readonly LevelCandidate<R>[] | undefined,
  targetOf: (rule: R) => string,
  target: string,
  address: string,
): LevelCandidate<R> | undefined {
  const matching = (candidates ?? []).filter((c) => targetOf(c.rule) === target);
  const named = parseWorkloadAddress(address);
  return matching.length > 1 ? (matching.find((c) => named?.of === 'grant' && named.level === c.level) ?? matching[0]) : matching[0];
}

/**
 * The config's resource name from a binding address `<workload>_<resource>_<level>`; the native
 * target when the address does not have that shape.
 */
export function resourceFromAddress(name: string, workload: string, level: string | undefined, fallback: string): string {
  const named = parseWorkloadAddress(name);
  return named?.of === 'grant' && named.workload === workload && named.level === level ? named.resource : fallback;
}
