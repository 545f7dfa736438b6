import { shardOf, splitIntoShards } from '../../lib/spec/shards';

const names = (n: number, prefix = 'workload') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('shardOf', () => {
  it('is a pure function of the name and the count, within range', () => {
    for (const name of names(200)) {
      const shard = shardOf(name, 7);
      expect(shard).toBe(shardOf(name, 7));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(7);
    }
  });

  it('spreads workloads over every shard', () => {
    const sizes = splitIntoShards(names(1000), (n) => n, 8).map((s) => s.length);
    // 125 each on average; rendezvous hashing keeps every shard within a loose band.
    for (const size of sizes) expect(size).toBeGreaterThan(80);
  });

  it('puts everything in shard 0 when there is one shard', () => {
    expect(names(50).every((n) => shardOf(n, 1) === 0)).toBe(true);
  });
});

describe('splitIntoShards', () => {
  it('puts every item in exactly one shard, keeping their order', () => {
    const all = names(300);
    const shards = splitIntoShards(all, (n) => n, 5);
    expect(shards.flat().sort()).toEqual([...all].sort());
    for (const shard of shards) expect(shard).toEqual(all.filter((n) => shard.includes(n)));
  });

  it('moves no existing workload when workloads are added or removed', () => {
    const before = names(300);
    const after = [...before.filter((_, i) => i % 10 !== 3), ...names(120, 'added')];
    const shardsBefore = new Map(splitIntoShards(before, (n) => n, 6).flatMap((s, k) => s.map((n) => [n, k] as const)));
    const shardsAfter = new Map(splitIntoShards(after, (n) => n, 6).flatMap((s, k) => s.map((n) => [n, k] as const)));
    for (const [name, shard] of shardsAfter) if (shardsBefore.has(name)) expect(shard).toBe(shardsBefore.get(name));
  });

  it('moves only workloads the new shard wins when the count grows', () => {
    const all = names(1000);
    const moved = all.filter((n) => shardOf(n, 4) !== shardOf(n, 5));
    expect(moved.every((n) => shardOf(n, 5) === 4)).toBe(true);
    // About a fifth move; a modulo hash would move about four fifths.
    expect(moved.length).toBeLessThan(300);
  });
});
