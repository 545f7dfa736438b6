import { PROTECTED_TYPES } from '../../lib/safety/protection';
import { safetyFindings } from '../../lib/safety/review-checks';
import { example, synthStacks } from '../helpers/synth';
import { resourcesByAddress } from '../../lib/terraform/stack-json';
import type { StackJson } from '../../lib/terraform/stack-json';

const protectedProd = (text: string) => text.replace(/^  prod:\n/m, '  prod:\n    protected: true\n');
const preventsDestroy = (config: Record<string, unknown>) => (config.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;
const protectedAddresses = (stack: StackJson) => [...resourcesByAddress(stack)].filter(([, c]) => preventsDestroy(c)).map(([a]) => a).sort();

describe('production protection', () => {
  const config = protectedProd(example('identity.yaml'));
  const stacks = synthStacks(config);

  it('puts prevent_destroy on every identity and trust resource of a protected environment, and on nothing else', () => {
    const prod = resourcesByAddress(stacks['payments-prod']);
    const expected = [...prod.keys()].filter((a) => PROTECTED_TYPES.has(a.split('.')[0])).sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(protectedAddresses(stacks['payments-prod'])).toEqual(expected);
    // Grants stay removable.
    expect(expected.some((a) => a.startsWith('aws_iam_role_policy.') || a.startsWith('azurerm_role_assignment.'))).toBe(false);
  });

  it('leaves unprotected environments alone', () => {
    expect(protectedAddresses(stacks['payments-dev'])).toEqual([]);
  });

  it('drops prevent_destroy from a retired workload only, so the next release may delete it', () => {
    const retired = synthStacks(config.replace(/^  deployer:\n/m, '  deployer:\n    retired: true\n'))['payments-prod'];
    const lost = protectedAddresses(stacks['payments-prod']).filter((a) => !protectedAddresses(retired).includes(a));
    expect(lost).toEqual(['aws_iam_role.deployer', 'google_service_account.deployer', 'google_service_account_iam_member.deployer_federation']);
  });

  describe('the review check', () => {
    const base = stacks['payments-prod'];
    const withoutDeployer = synthStacks(config.replace(/^  deployer:\n(?:    .*\n)+/m, ''))['payments-prod'];

    it('flags a protected workload deleted without being retired', () => {
      const errors = safetyFindings(base, withoutDeployer).filter((f) => f.severity === 'error');
      expect(errors.map((f) => f.address).sort()).toEqual([
        'aws_iam_role.deployer',
        'google_service_account.deployer',
        'google_service_account_iam_member.deployer_federation',
      ]);
      expect(errors[0].message).toMatch(/retired: true/);
    });

    it('accepts the deletion once a release retired the workload, and warns about shared trust no longer needed', () => {
      const retiredBase = synthStacks(config.replace(/^  deployer:\n/m, '  deployer:\n    retired: true\n'))['payments-prod'];
      const findings = safetyFindings(retiredBase, withoutDeployer);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(findings.map((f) => f.address).sort()).toEqual([
        'aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com',
        'google_iam_workload_identity_pool_provider.github-dd9c65dd',
      ]);
    });

    it('follows moved blocks: a rename is neither a deletion nor a replacement', () => {
      const renamed = synthStacks(config.replace(/^  deployer:\n/m, '  ci-deployer:\n    previousNames: [deployer]\n'))['payments-prod'];
      expect(safetyFindings(base, renamed)).toEqual([]);
    });

    it('flags an identity Terraform would replace', () => {
      const moved = synthStacks(config.replace('rg-payments-prod', 'rg-payments-prod2'))['payments-prod'];
      const findings = safetyFindings(base, moved);
      expect(findings.map((f) => f.address)).toContain('azurerm_user_assigned_identity.invoice-renderer');
      expect(findings.every((f) => f.severity === 'error' && /replaced/.test(f.message))).toBe(true);
    });
  });
});
