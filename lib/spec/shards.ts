/**
 * Which stack of its environment a workload lives in, when the environment is split into
 * `shards` stacks. Rendezvous (highest random weight) hashing of the workload's name: each
 * workload takes the shard whose hash with its name scores highest, so
 * - the shard depends only on the workload's own name and the count: adding or removing a
 *   workload never moves another one;
 * - raising the count from n to n+1 moves only the workloads the new shard wins (about
 *   1/(n+1) of them); lowering it moves only the workloads of the removed shard. A moved
 *   workload changes stacks: `terraform state mv` its resources, or they are recreated.
 */
import { createHash } from 'node:crypto';

/** The shard (0-based) of a workload among `shards`. */
export function shardOf(workload: string, shards: number): number {
  let best = 0;
  let bestScore = -1;
  for (let k = 0; k < shards; k++) {
    const score = createHash('sha256').update(`${workload}\0${k}`).digest().readUInt32BE(0);
    if (score > bestScore) [best, bestScore] = [k, score];
  }
  return best;
}

/** The items of each shard, in their original order. */
export function splitIntoShards<T>(items: readonly T[], nameOf: (item: T) => string, shards: number): T[][] {
  const out: T[][] = Array.from({ length: shards }, () => []);
  for (const item of items) out[shardOf(nameOf(item), shards)].push(item);
  return out;
}
