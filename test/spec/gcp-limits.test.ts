/**
 * Google Cloud limits a config can cross, refused at load with the path and the limit (values
 * and sources in lib/gcp/api-limits.ts, taken from Google's API reference and quota pages).
 */
import { ConfigError } from '../../lib/spec/config-error';
import { formatPath } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, withServiceAccountQuota, workload } from '../helpers/configs';

function problemsOf(text: string): string[] {
  try {
    parseSpec(text, 'bad.yaml');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
  }
  return [];
}

const many = (n: number, runsOn: (i: number) => string, access: string[] = []) => Array.from({ length: n }, (_, i) => workload(`w-${i}`, runsOn(i), access, '    clouds: [gcp]\n')).join('');
const idp = (subject: string, audience = 'acme') => `{ oidc: { issuer: "https://idp.example.com", subject: "${subject}", audience: ${audience} } }`;

describe('GCP limits refused at load', () => {
  it("refuses a subject that fits 127 bytes alone but not with its provider's prefix", () => {
    // oidc-<8 hex>: is 14 bytes: 113 + 14 = 127 fits, 114 + 14 does not.
    expect(problemsOf(config(workload('fits', idp('s'.repeat(113)), [], '    clouds: [gcp]\n')))).toEqual([]);
    expect(problemsOf(config(workload('long', idp('s'.repeat(114)), [], '    clouds: [gcp]\n')))).toEqual([
      expect.stringMatching(/^workloads\.long\.runsOn: in environment dev, Google Cloud would map this source to a subject of 128 bytes .*at most 127 \(https:\/\/cloud\.google\.com\/iam\/docs\/reference\/rest/),
    ]);
    expect(problemsOf(config(workload('long', idp('s'.repeat(114)), [], '    clouds: [aws]\n')))).toEqual([]);
  });

  it('refuses more than 10 audiences on one pool provider', () => {
    expect(problemsOf(config(many(10, (i) => idp(`client-${i}`, `aud-${i}`))))).toEqual([]);
    expect(problemsOf(config(many(11, (i) => idp(`client-${i}`, `aud-${i}`))))).toEqual([
      expect.stringMatching(/^environments\.dev: the workloads federating into Google Cloud from "https:\/\/idp\.example\.com" request 11 audiences .*Google allows 10 /),
    ]);
  });

  it("refuses more service accounts than the project's quota, over every environment in the project", () => {
    const dev = threeCloudEnvironment('dev');
    const test = threeCloudEnvironment('test').replace('projectId: acme-test', 'projectId: acme-dev');
    expect(problemsOf(config(many(100, () => '{ gcp: cloud-run }'), dev))).toEqual([]);
    expect(problemsOf(config(many(101, () => '{ gcp: cloud-run }'), dev))).toEqual([
      expect.stringMatching(/^environments\.dev\.gcp: project acme-dev would hold 101 service accounts .*its quota is 100 \(https:\/\/cloud\.google\.com\/iam\/quotas/),
    ]);
    expect(problemsOf(config(many(60, () => '{ gcp: cloud-run }'), dev + test))).toEqual([expect.stringMatching(/^environments\.test\.gcp: project acme-dev would hold 120 service accounts of this config \(environments dev, test\)/)]);
    expect(problemsOf(config(many(101, () => '{ gcp: cloud-run }'), withServiceAccountQuota(dev, 150)))).toEqual([]);
  });

  it('refuses more than 1,500 principals in one allow policy', () => {
    const readers = (n: number) => config(many(n, () => '{ gcp: cloud-run }', ['{ resource: bucket, allow: [read, write, delete] }']), withServiceAccountQuota(threeCloudEnvironment(), 2000));
    expect(problemsOf(readers(500))).toEqual([]);
    expect(problemsOf(readers(501))).toEqual([
      expect.stringMatching(/^resources\.bucket: 1503 role bindings .* allow policy of bucket acme-files; Google allows 1500 principals per policy/),
    ]);
  });
});
