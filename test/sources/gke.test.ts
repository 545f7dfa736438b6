/**
 * runsOn.gke, held against Google's documented forms rather than our code:
 * - GCP: the Kubernetes service account's member in the project's pool, from
 *   https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 *   (`serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA_NAME]`), with
 *   `roles/iam.workloadIdentityUser` on the service account; no pool or provider of ours;
 * - AWS and Azure: the cluster's issuer
 *   `https://container.googleapis.com/v1/projects/PROJECT/locations/LOCATION/clusters/CLUSTER`
 *   and the Kubernetes subject `system:serviceaccount:NAMESPACE:KSA_NAME`.
 */
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import { printedProblems } from '../helpers/printed-problems';
import { ofType, synthStacks } from '../helpers/synth';
import { GKE, GKE_ON_AWS } from '../helpers/aws-only-cases';
import { awsTrustAdmits } from '../helpers/trust';
import { parseReference } from '../../lib/terraform/reference';

const ALL = '    clouds: [aws, gcp, azure]\n';
const ISSUER = 'https://container.googleapis.com/v1/projects/acme-dev/locations/europe-west1/clusters/shop-dev';
const SUB = 'system:serviceaccount:shop:worker';

describe('runsOn.gke: GKE workload identity', () => {
  const stack = synthStacks(config(workload('pods', GKE, ['{ resource: bucket, allow: [read] }'], ALL)))['acme-dev'];

  it('GCP: the pod impersonates the service account as its member of acme-dev.svc.id.goog, through no pool of ours', () => {
    const members = Object.values(ofType(stack, 'google_service_account_iam_member'));
    expect(members.map(({ role, member }) => ({ role, member }))).toEqual([{ role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme-dev.svc.id.goog[shop/worker]' }]);
    expect(ofType(stack, 'google_iam_workload_identity_pool')).toEqual({});
    expect(ofType(stack, 'google_iam_workload_identity_pool_provider')).toEqual({});
    // The grants stay on the service account, as for every other source.
    const grants = Object.values(ofType(stack, 'google_storage_bucket_iam_member'));
    expect(grants).toHaveLength(1);
    expect(grants[0].member).toMatch(/^serviceAccount:\$\{google_service_account\.[a-z0-9_]+\.email\}$/);
  });

  it('AWS: trusts the cluster issuer for exactly this service account, and refuses the neighbour namespace', () => {
    const providers = ofType(stack, 'aws_iam_openid_connect_provider');
    const trust = ofType(stack, 'aws_iam_role').pods.assume_role_policy as string;
    const federated = JSON.parse(trust).Statement[0].Principal.Federated as string;
    const ref = parseReference(federated);
    expect(ref && providers[ref.name].url).toBe(ISSUER);
    const key = ISSUER.replace('https://', '');
    expect(awsTrustAdmits(trust, federated, { [`${key}:sub`]: SUB, [`${key}:aud`]: 'sts.amazonaws.com' })).toBe(true);
    expect(awsTrustAdmits(trust, federated, { [`${key}:sub`]: 'system:serviceaccount:shop2:worker', [`${key}:aud`]: 'sts.amazonaws.com' })).toBe(false);
  });

  it('Azure: a federated credential on the cluster issuer and subject, byte for byte', () => {
    expect(Object.values(ofType(stack, 'azurerm_federated_identity_credential'))).toEqual([
      expect.objectContaining({ issuer: ISSUER, subject: SUB, audience: ['api://AzureADTokenExchange'] }),
    ]);
  });

  it('takes projectId from the field when given', () => {
    const other = synthStacks(config(workload('pods', GKE.replace('serviceAccount: worker', 'serviceAccount: worker, projectId: "fleet-{env}"'), [], ALL)))['acme-dev'];
    expect(Object.values(ofType(other, 'google_service_account_iam_member')).map((m) => m.member)).toEqual(['serviceAccount:fleet-dev.svc.id.goog[shop/worker]']);
    expect(Object.values(ofType(other, 'azurerm_federated_identity_credential'))[0].issuer).toBe(
      'https://container.googleapis.com/v1/projects/fleet-dev/locations/europe-west1/clusters/shop-dev',
    );
  });
});

describe('runsOn.gke: bad input is refused at load, with its path and line', () => {
  const problems = (runsOn: string, environments = threeCloudEnvironment()) => printedProblems(config(workload('pods', runsOn, [], '    clouds: [aws, azure]\n'), environments));
  const gke = (fields: string) => `{ gke: { ${fields} } }`;
  const valid = { cluster: 'shop', location: 'europe-west1-b', namespace: 'shop', serviceAccount: 'worker' };
  const withField = (field: string, value: string) =>
    gke(Object.entries({ ...valid, [field]: value }).map(([k, v]) => `${k}: "${v}"`).join(', '));

  it('accepts a zone, a region and a dotted service account', () => {
    expect(problems(withField('serviceAccount', 'worker.v2'))).toEqual([]);
    expect(problems(withField('location', 'us-central1'))).toEqual([]);
  });

  it.each([
    ['cluster', '1shop', 'is not a valid GKE cluster'],
    ['cluster', 'a'.repeat(41), 'at most 40 characters'],
    ['cluster', 'shop-', 'is not a valid GKE cluster'],
    ['location', 'europe', 'a region such as europe-west1'],
    ['namespace', 'Shop', 'DNS-1123 label'],
    ['namespace', 'a'.repeat(64), 'DNS-1123 label'],
    ['serviceAccount', 'worker_1', 'DNS-1123 subdomain'],
    ['projectId', 'Acme', 'is not a valid GKE projectId'],
  ])('%s %j', (field, value, message) => {
    const lines = problems(withField(field, value));
    expect(lines.some((l) => l.includes(`workloads.pods.runsOn.gke.${field}`) && /line \d+/.test(l) && l.includes(message))).toBe(true);
  });

  it('requires a projectId where an environment configures no gcp', () => {
    const noGcp = threeCloudEnvironment().replace(/\n\s*gcp:[^\n]*/, '');
    const lines = problems(withField('namespace', 'shop'), noGcp);
    expect(lines.some((l) => l.includes('workloads.pods.runsOn.gke') && l.includes("projectId is required: it defaults to the environment's gcp.projectId"))).toBe(true);
    expect(problems(withField('projectId', 'fleet-prod'), noGcp)).toEqual([]);
  });
});

describe('runsOn.gke on AWS alone', () => {
  // The real terraform CLI plans this stack in test/terraform.test.ts, with the other AWS-only cases.
  it('trusts the cluster issuer through an OIDC provider of its own', () => {
    const stack = synthStacks(GKE_ON_AWS)['acme-dev'];
    expect(Object.values(ofType(stack, 'aws_iam_openid_connect_provider')).map((p) => p.url)).toEqual([ISSUER]);
  });
});
