/**
 * Independent evaluators of the trust we emit, for claims the AWS simulator does not model
 * (it ignores OIDC condition keys other than Google's): does a trust admit these claims? GCP
 * conditions are evaluated with CEL instead: test/helpers/gcp-federation.ts.
 */

interface Statement {
  Effect: string;
  Principal?: Record<string, string>;
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** Whether an AWS trust policy lets `federated` assume the role with these token claims. */
export function awsTrustAdmits(policyJson: string, federated: string, claims: Record<string, string>): boolean {
  const policy = JSON.parse(policyJson) as { Statement: Statement[] };
  return policy.Statement.some((s) => {
    if (s.Effect !== 'Allow' || s.Principal?.Federated !== federated) return false;
    if (![s.Action].flat().includes('sts:AssumeRoleWithWebIdentity')) return false;
    return Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, expected]) => {
        const actual = claims[key];
        if (actual === undefined) return false;
        const values = [expected].flat();
        if (operator === 'StringEquals') return values.includes(actual);
        if (operator === 'StringLike') return values.some((v) => glob(v).test(actual));
        throw new Error(`unexpected operator ${operator}`);
      }),
    );
  });
}
