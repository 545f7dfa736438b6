/**
 * The resource names (the `<name>` of `<type>.<name>`) a workload's resources get, made of
 * config names only so they stay stable across releases:
 * - `<workload>`: its identity and the resources that are one per identity;
 * - `<workload>_<resource>_<level>`: a GCP binding or Azure assignment of one level on one resource;
 * - `<workload>_federation`: its federated trust;
 * - `<workload>_federation_<key>`: the trust of a further source of a runsOn list (key: 8 hex digits, lib/sources/source-list.ts);
 * - `<workload>_access_<n>`: the n-th (from 1) AWS managed policy beyond the inline one, and its attachment;
 * - `<workload>_extra_<i>`: its i-th (from 0) `extraAccess` entry.
 * Config names are `[a-z][a-z0-9-]*` and hold no `_`, levels are words of the vocabulary, so
 * every name reads back one way.
 */
import { KINDS } from '../kinds';

/** What a workload resource name says. */
export type WorkloadAddress =
  | { readonly of: 'identity'; readonly workload: string }
  | { readonly of: 'grant'; readonly workload: string; readonly resource: string; readonly level: string }
  | { readonly of: 'federation'; readonly workload: string; readonly key?: string }
  | { readonly of: 'access'; readonly workload: string; readonly part: number }
  | { readonly of: 'extra'; readonly workload: string; readonly index: number };

const CONFIG_NAME = /^[a-z][a-z0-9-]*$/;
const LEVELS: ReadonlySet<string> = new Set(Object.values(KINDS).flatMap((k) => Object.keys(k.levels)));
const INDEX = /^(?:0|[1-9][0-9]*)$/;
/** A source key: never a level, so `<w>_federation_<key>` never reads as a grant on a resource named federation. */
const SOURCE_KEY = /^[0-9a-f]{8}$/;

function checkedName(name: string): string {
  if (!CONFIG_NAME.test(name)) throw new Error(`no workload address for the name ${JSON.stringify(name)}`);
  return name;
}

function checkedIndex(n: number, from: number): number {
  if (!Number.isSafeInteger(n) || n < from) throw new Error(`no workload address for the index ${n}`);
  return n;
}

/** The resource name of `address`; throws on a name, level or index it cannot hold. */
export function formatWorkloadAddress(address: WorkloadAddress): string {
  const workload = checkedName(address.workload);
  switch (address.of) {
    case 'identity':
      return workload;
    case 'grant':
      if (!LEVELS.has(address.level)) throw new Error(`no workload address for the level ${JSON.stringify(address.level)}`);
      return `${workload}_${checkedName(address.resource)}_${address.level}`;
    case 'federation':
      if (address.key === undefined) return `${workload}_federation`;
      if (!SOURCE_KEY.test(address.key)) throw new Error(`no workload address for the source key ${JSON.stringify(address.key)}`);
      return `${workload}_federation_${address.key}`;
    case 'access':
      return `${workload}_access_${checkedIndex(address.part, 1)}`;
    case 'extra':
      return `${workload}_extra_${checkedIndex(address.index, 0)}`;
  }
}

/** What a resource name says, or undefined when it is no workload address. */
export function parseWorkloadAddress(name: string): WorkloadAddress | undefined {
  const [workload, ...rest] = name.split('_');
  if (!CONFIG_NAME.test(workload)) return undefined;
  if (rest.length === 0) return { of: 'identity', workload };
  if (rest.length === 1) return rest[0] === 'federation' ? { of: 'federation', workload } : undefined;
  if (rest.length !== 2) return undefined;
  const [middle, last] = rest;
  if (middle === 'access' && INDEX.test(last) && last !== '0') return { of: 'access', workload, part: Number(last) };
  if (middle === 'federation' && SOURCE_KEY.test(last)) return { of: 'federation', workload, key: last };
  if (middle === 'extra' && INDEX.test(last)) return { of: 'extra', workload, index: Number(last) };
  return CONFIG_NAME.test(middle) && LEVELS.has(last) ? { of: 'grant', workload, resource: middle, level: last } : undefined;
}
