import fc from 'fast-check';
import { fitName, gcpCustomRoleId, gcpPoolId, identityNames } from '../../lib/spec/names';

const name = (max: number) => fc.stringMatching(new RegExp(`^[a-z](?:[a-z0-9-]{0,${max - 2}}[a-z0-9])?$`));
const app = fc.stringMatching(/^[a-z][a-z0-9-]{1,15}$/);
const env = name(16);
const workload = name(40);

describe('cloud names', () => {
  it('keeps short names readable', () => {
    expect(identityNames('payments', 'prod', 'invoice-renderer')).toEqual({
      awsRole: 'payments-prod-invoice-renderer',
      gcpAccountId: 'payments-prod-invoice-renderer',
      azureIdentity: 'id-payments-prod-invoice-renderer',
    });
    expect(gcpPoolId('payments', 'prod')).toBe('payments-prod');
    // Google reserves the `gcp-` prefix (resource_iam_workload_identity_pool.go:43, provider v6.50.0).
    expect(gcpPoolId('gcp', 'dev')).toBe('wi-gcp-dev');
    expect(gcpPoolId('gcp-tools', 'dev')).toBe('wi-gcp-tools-dev');
  });

  it("stays within each cloud's rules for any valid app, environment and workload", () => {
    fc.assert(
      fc.property(app, env, workload, (a, e, w) => {
        const n = identityNames(a, e, w);
        expect(n.awsRole).toMatch(/^[\w+=,.@-]{1,64}$/);
        expect(n.gcpAccountId).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
        expect(n.azureIdentity).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/);
        expect(gcpPoolId(a, e)).toMatch(/^(?!gcp-)[a-z0-9-]{4,32}$/);
        expect(gcpCustomRoleId(a, e, 'objectDeleter')).toMatch(/^[a-zA-Z0-9_.]{3,64}$/);
      }),
      { numRuns: 300 },
    );
  });

  it('never gives two workloads the same name on any cloud', () => {
    fc.assert(
      fc.property(app, env, workload, workload, (a, e, w1, w2) => {
        fc.pre(w1 !== w2);
        const [n1, n2] = [identityNames(a, e, w1), identityNames(a, e, w2)];
        expect(n1.awsRole).not.toBe(n2.awsRole);
        expect(n1.gcpAccountId).not.toBe(n2.gcpAccountId);
        expect(n1.azureIdentity).not.toBe(n2.azureIdentity);
      }),
      { numRuns: 300 },
    );
    // Long names that share their first 30 characters differ by their hash.
    const long = 'invoice-renderer-for-the-eu-region';
    expect(identityNames('payments', 'prod', `${long}-a`).gcpAccountId).not.toBe(identityNames('payments', 'prod', `${long}-b`).gcpAccountId);
  });

  it('shortens with a stable hash, the same on every run', () => {
    const shortened = fitName(['payments', 'production', 'invoice-renderer-for-europe'], 30);
    expect(shortened).toHaveLength(30);
    expect(shortened).toMatch(/^payments-production-inv-[0-9a-f]{6}$/);
    expect(fitName(['payments', 'production', 'invoice-renderer-for-europe'], 30)).toBe(shortened);
  });
});
