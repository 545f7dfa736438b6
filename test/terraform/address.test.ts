/** Resource addresses `type.name`: parse(format(x)) is x, parse refuses what format cannot make. */
import fc from 'fast-check';
import { formatAddress, parseAddress } from '../../lib/terraform/address';

const types = fc.stringMatching(/^[a-z0-9_]{1,30}$/);
const names = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
/** Strings over the characters that matter, so some parse and most nearly do. */
const nearAddresses = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', '-', '.', '$', ' '), maxLength: 12 });

describe('resource addresses', () => {
  it('read back to the type and name they were made of', () => {
    fc.assert(fc.property(types, names, (type, name) => expect(parseAddress(formatAddress({ type, name }))).toEqual({ type, name })));
  });

  it('parse only what format makes', () => {
    fc.assert(
      fc.property(nearAddresses, (s) => {
        const parsed = parseAddress(s);
        if (parsed) expect(formatAddress(parsed)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    expect(['aws_iam_role', 'aws_iam_role.a.b', '.a', 'a.', 'Aws.a', 'data.aws_x.y', 'a.b c'].map(parseAddress)).toEqual(Array(7).fill(undefined));
  });

  it('refuse a type or name no address can hold', () => {
    expect(() => formatAddress({ type: 'aws_iam_role', name: 'a.b' })).toThrow('no Terraform address');
    expect(() => formatAddress({ type: 'Aws', name: 'a' })).toThrow('no Terraform address');
    expect(() => formatAddress({ type: 'aws', name: '' })).toThrow('no Terraform address');
  });
});
