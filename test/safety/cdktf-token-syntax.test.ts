/**
 * Our detector of cdktf token syntax (lib/spec/cdktf-token-syntax.ts) against cdktf itself: every
 * token cdktf's encoder makes is detected, and every string or number cdktf's own test
 * (`unresolved` in cdktf/lib/tokens/private/encoding.js) or its resolver would treat as a token
 * is detected too. The IAM policy variables accepted are those of the AWS documentation's examples.
 */
import fc from 'fast-check';
import { Token } from 'cdktf';
import { cdktfTokenIn, isTokenNumber } from '../../lib/spec/cdktf-token-syntax';
import { isIamPolicyVariable } from '../../lib/spec/iam-policy-variables';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const encoding = require('cdktf/lib/tokens/private/encoding') as {
  unresolved(value: unknown): boolean;
  createTokenDouble(index: number, list: boolean): number;
  TokenString: { forNumbers(s: string): { test(): boolean } };
};

describe('cdktf token syntax', () => {
  it("detects every kind of token cdktf's encoder makes", () => {
    const resolvable = { resolve: () => 'x' };
    expect(cdktfTokenIn(`a${Token.asString(resolvable)}b`)).toBe('${TfToken[');
    expect(cdktfTokenIn(Token.asList(resolvable)[0])).toBe('#{TfToken[');
    expect(cdktfTokenIn(Object.keys(Token.asStringMap(resolvable)).join())).toBeDefined();
    const n = Token.asNumber(resolvable);
    expect(isTokenNumber(n)).toBe(true);
    expect(cdktfTokenIn(`port ${n}`)).toBe(String(n));
    expect(isTokenNumber(Token.asNumberList(resolvable)[0])).toBe(true);
  });

  it('agrees with cdktf on numbers: token doubles of any index, and ordinary numbers (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.tuple(fc.nat({ max: 2 ** 48 - 1 }), fc.boolean()).map(([i, list]) => encoding.createTokenDouble(i, list))), (n) => {
        const cdktf = encoding.unresolved(n) || encoding.unresolved([n]);
        expect(isTokenNumber(n)).toBe(cdktf);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it('detects every string cdktf would resolve as a token (property)', () => {
    const fragment = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('${TfToken[', '#{TfToken[', '&{TfToken[', 'TOKEN.1', ']}', 'e+298', '-8.1095622125913', '83e282'));
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 5 }).map((p) => p.join('')), (s) => {
        const numberToken = encoding.TokenString.forNumbers(s).test() && [...s.matchAll(/[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g)].some(([m]) => encoding.unresolved(parseFloat(m)) || encoding.unresolved([parseFloat(m)]));
        if (encoding.unresolved(s) || encoding.unresolved([s]) || numberToken) expect(cdktfTokenIn(s)).toBeDefined();
      }),
      { numRuns: 1000, seed: 16 },
    );
  });
});

describe('IAM policy variables', () => {
  // The examples of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  it.each(['aws:username', 'aws:userid', 'aws:PrincipalTag/team', "aws:PrincipalTag/team, 'company-wide'", 'aws:CurrentTime', 'aws:EpochTime', 'aws:SourceIdentity', 'aws:PrincipalAccount', 's3:prefix', 'accounts.google.com:sub', 'cognito-identity.amazonaws.com:sub', '*', '?', '$'])(
    '${%s} is one',
    (v) => expect(isIamPolicyVariable(v)).toBe(true),
  );
  it.each(['TfToken[TOKEN.5]', 'var.x', 'aws_s3_bucket.audit.arn', 'aws:nope', 's3:nope', 'aws:PrincipalTag/', "aws:username, 'a}'", 'upper("x")', ''])('${%s} is not', (v) =>
    expect(isIamPolicyVariable(v)).toBe(false),
  );
});
