/** Workload resource names: parse(format(x)) is x, parse refuses what format cannot make. */
import fc from 'fast-check';
import { KINDS } from '../../lib/kinds';
import { formatWorkloadAddress, parseWorkloadAddress } from '../../lib/terraform/workload-address';
import type { WorkloadAddress } from '../../lib/terraform/workload-address';

/** The schema's pattern for workload and resource names (lib/spec/schema.ts NAME). */
const names = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/);
const levels = fc.constantFrom(...new Set(Object.values(KINDS).flatMap((k) => Object.keys(k.levels))));
const addresses: fc.Arbitrary<WorkloadAddress> = fc.oneof(
  names.map((workload) => ({ of: 'identity' as const, workload })),
  fc.record({ of: fc.constant('grant' as const), workload: names, resource: names, level: levels }),
  names.map((workload) => ({ of: 'federation' as const, workload })),
  // A further source of a runsOn list (lib/sources/source-list.ts).
  fc.record({ of: fc.constant('federation' as const), workload: names, key: fc.stringMatching(/^[0-9a-f]{8}$/) }),
  fc.record({ of: fc.constant('access' as const), workload: names, part: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ of: fc.constant('extra' as const), workload: names, index: fc.integer({ min: 0, max: 10_000 }) }),
);
const words = fc.constantFrom('a', 'b-1', 'read', 'write', 'federation', 'access', 'extra', '0', '1', '01', '', 'A', 'x_y', '0a1b2c3d', '0A1B2C3D', '0a1b2c3');
const nearAddresses = fc.array(words, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('_'));

describe('workload addresses', () => {
  it('read back to what they were made of', () => {
    fc.assert(fc.property(addresses, (a) => expect(parseWorkloadAddress(formatWorkloadAddress(a))).toEqual(a)), { numRuns: 2000 });
  });

  it('never give two different resources of a workload the same name', () => {
    fc.assert(fc.property(addresses, addresses, (a, b) => expect(formatWorkloadAddress(a) === formatWorkloadAddress(b)).toBe(JSON.stringify(a) === JSON.stringify(b))));
  });

  it('parse only what format makes', () => {
    fc.assert(
      fc.property(nearAddresses, (s) => {
        const parsed = parseWorkloadAddress(s);
        if (parsed) expect(formatWorkloadAddress(parsed)).toBe(s);
      }),
      { numRuns: 3000 },
    );
    const refused = ['', 'A', 'app_', 'app_x', 'app_bucket_own', 'app_access_0', 'app_access_01', 'app_extra_01', 'app_a_b_read', '_app'];
    expect(refused.map(parseWorkloadAddress)).toEqual(Array(refused.length).fill(undefined));
  });

  it('refuse names, levels and indexes they cannot hold', () => {
    expect(() => formatWorkloadAddress({ of: 'identity', workload: 'a_b' })).toThrow('no workload address');
    expect(() => formatWorkloadAddress({ of: 'grant', workload: 'a', resource: 'b', level: 'own' })).toThrow('no workload address');
    expect(() => formatWorkloadAddress({ of: 'access', workload: 'a', part: 0 })).toThrow('no workload address');
    expect(() => formatWorkloadAddress({ of: 'extra', workload: 'a', index: 1.5 })).toThrow('no workload address');
    expect(() => formatWorkloadAddress({ of: 'federation', workload: 'a', key: 'not-hex!' })).toThrow('no workload address');
  });
});
