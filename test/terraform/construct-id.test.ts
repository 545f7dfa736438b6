/** Construct ids of config names: parse(format(x)) is x, parse refuses what format cannot make. */
import fc from 'fast-check';
import { STACK_CONSTRUCT_IDS, formatConstructId, parseConstructId } from '../../lib/terraform/construct-id';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const names = fc.oneof(fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/), fc.constantFrom(...PROTOTYPE_NAMES, ...STACK_CONSTRUCT_IDS));

describe('construct ids', () => {
  it('read back to the name they were made of, prototype member names included', () => {
    fc.assert(fc.property(names, (n) => expect(parseConstructId(formatConstructId(n))).toBe(n)));
    expect(formatConstructId('constructor')).toBe('constructor_');
    expect(formatConstructId('shop')).toBe('shop');
    expect(formatConstructId('aws')).toBe('aws_');
  });

  it('parse only what format makes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), names.map((n) => `${n}_`), names), (s) => {
        const parsed = parseConstructId(s);
        if (parsed !== undefined) expect(formatConstructId(parsed)).toBe(s);
      }),
    );
    expect(['constructor', 'shop_', 'toString'].map(parseConstructId)).toEqual([undefined, undefined, undefined]);
  });
});
