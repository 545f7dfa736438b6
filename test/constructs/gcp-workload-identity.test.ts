/**
 * GcpWorkloadIdentity alone, in a bare stack, with the shared constructs it takes as props (the
 * environment's GcpCustomRoles and GcpWorkloadIdentityPool), against resources written by hand from
 * Google's IAM and workload identity federation documentation and the README contract.
 *
 * Conventions stated rather than derived from the docs: a workload's service account and its
 * federation binding are named `<workload>` and `<workload>_federation`, a binding of one level on
 * one resource `<workload>_<resource>_<level>` (lib/terraform/workload-address.ts); the account id is
 * `<app>-<env>-<workload>`, the display name `<app> <env> <workload>`, and the description carries
 * the tags as ` [k=v ...]` (service accounts take no labels); the pool is `<app>-<env>` at the
 * address `pool`, an OIDC provider `<form>-<first 8 hex of sha256(issuer)>` and an AWS account's
 * `aws-<account>`, each mapping `google.subject` to `<provider id>:<value>` so no provider can
 * mint another's principal (lib/gcp/workload-identity-pool.ts); custom roles are `<app>_<env>_<id>`.
 */
import { createHash } from 'node:crypto';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GcpCustomRoles } from '../../lib/gcp/custom-roles';
import { GcpWorkloadIdentity } from '../../lib/gcp/identity';
import { GcpWorkloadIdentityPool } from '../../lib/gcp/workload-identity-pool';
import { addressesOf, once, identityContext, resource, synthUnit, unitInput, unitStack } from '../helpers/construct-unit';

const CONFIG = `
app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    gcp: { projectId: acme-dev, projectNumber: "123456789012", region: us-central1 }
    monitoring: { notify: [secops@example.com] }
resources:
  invoices: { kind: bucket, gcp: { bucket: "acme-invoices-{env}" } }
workloads:
  renderer:
    description: Renders invoices
    owner: team-billing
    runsOn: { gcp: cloud-run }
    access:
      - { resource: invoices, allow: [read] }
  deployer:
    description: Deploys from CI
    owner: team-platform
    runsOn: { github: { repository: acme/payments, environment: "{env}" } }
    access:
      - { resource: invoices, allow: [read] }
  cleaner:
    description: Deletes old invoices
    owner: team-billing
    runsOn: { gcp: cloud-run }
    access:
      - { resource: invoices, allow: [delete] }
  bridge:
    description: Calls Google Cloud from Lambda
    owner: team-billing
    runsOn: { aws: lambda }
    clouds: [aws, gcp]
    access: []
`;

/** Synthesizes the GCP identity of one workload of CONFIG, with the environment's pool and custom roles. */
function synthGcp(workloadName: string) {
  const input = unitInput(CONFIG, 'dev', workloadName);
  const gcp = input.env.gcp!;
  const stack = unitStack();
  new GoogleProvider(stack, 'provider', { project: gcp.projectId, region: gcp.region });
  new GcpWorkloadIdentity(stack, 'gcp', {
    context: identityContext(input),
    customRoles: new GcpCustomRoles(stack, 'gcp-custom-roles', input.spec.app, input.env.name, gcp.projectId),
    pool: new GcpWorkloadIdentityPool(stack, 'gcp-workload-identity-pool', input.spec.app, input.env.name, gcp),
  });
  return synthUnit(stack);
}

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const GITHUB_PROVIDER = `github-${createHash('sha256').update(GITHUB_ISSUER).digest('hex').slice(0, 8)}`;
/** A pool principal for one subject: https://cloud.google.com/iam/docs/principal-identifiers (workload identity federation). */
const principal = (subject: string) => `principal://iam.googleapis.com/\${google_iam_workload_identity_pool.pool.name}/subject/${subject}`;

describe('GcpWorkloadIdentity', () => {
  describe('GIVEN a Cloud Run workload that reads one bucket', () => {
    const json = once(() => synthGcp('renderer'));

    it('THEN it makes exactly a service account and one bucket binding: no pool, no federation', () => {
      // Cloud Run attaches the service account itself (https://cloud.google.com/run/docs/securing/service-identity).
      expect(addressesOf(json())).toEqual(['google_service_account.renderer', 'google_storage_bucket_iam_member.renderer_invoices_read']);
    });

    it('THEN the service account is named after app, environment and workload, and its description carries the tags', () => {
      expect(resource(json(), 'google_service_account', 'renderer')).toMatchObject({
        project: 'acme-dev',
        account_id: 'acme-dev-renderer',
        display_name: 'acme dev renderer',
        description: 'Renders invoices [app=acme environment=dev workload=renderer owner=team-billing]',
      });
    });

    it('THEN read is Storage Object Viewer, bound on the bucket itself for that service account only', () => {
      // roles/storage.objectViewer: storage.objects.get and storage.objects.list, "view objects and their metadata"
      // (https://cloud.google.com/storage/docs/access-control/iam-roles), the meaning of read: get and list objects.
      expect(resource(json(), 'google_storage_bucket_iam_member', 'renderer_invoices_read')).toEqual({
        bucket: 'acme-invoices-dev',
        role: 'roles/storage.objectViewer',
        member: 'serviceAccount:${google_service_account.renderer.email}',
      });
    });
  });

  describe('GIVEN a Cloud Run workload that deletes objects', () => {
    const json = once(() => synthGcp('cleaner'));

    it('THEN delete is a project custom role holding storage.objects.delete alone, bound on the bucket', () => {
      // No predefined role deletes objects without also reading them (roles/storage.objectUser, objectAdmin).
      expect(addressesOf(json())).toEqual([
        'google_project_iam_custom_role.acme_dev_objectDeleter',
        'google_service_account.cleaner',
        'google_storage_bucket_iam_member.cleaner_invoices_delete',
      ]);
      expect(resource(json(), 'google_project_iam_custom_role', 'acme_dev_objectDeleter')).toMatchObject({
        project: 'acme-dev',
        role_id: 'acme_dev_objectDeleter',
        permissions: ['storage.objects.delete'],
        stage: 'GA',
      });
      expect(resource(json(), 'google_storage_bucket_iam_member', 'cleaner_invoices_delete')).toEqual({
        bucket: 'acme-invoices-dev',
        role: '${google_project_iam_custom_role.acme_dev_objectDeleter.name}',
        member: 'serviceAccount:${google_service_account.cleaner.email}',
      });
    });
  });

  describe('GIVEN a GitHub Actions workload', () => {
    const json = once(() => synthGcp('deployer'));

    it('THEN it makes the pool, a GitHub provider, the service account, its bucket binding and its federation binding', () => {
      expect(addressesOf(json())).toEqual([
        'google_iam_workload_identity_pool.pool',
        `google_iam_workload_identity_pool_provider.${GITHUB_PROVIDER}`,
        'google_service_account.deployer',
        'google_service_account_iam_member.deployer_federation',
        'google_storage_bucket_iam_member.deployer_invoices_read',
      ]);
      expect(resource(json(), 'google_iam_workload_identity_pool', 'pool')).toMatchObject({ project: 'acme-dev', workload_identity_pool_id: 'acme-dev' });
    });

    it('THEN the provider trusts GitHub\'s issuer, maps the subject under its own id and admits exactly the one subject', () => {
      // https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines (GitHub):
      // GitHub has one issuer for every organization, so Google says an attribute condition must restrict it; GitHub's sub is repo:OWNER/REPO:environment:NAME
      // (https://docs.github.com/en/actions/reference/security/oidc). No allowed_audiences: the
      // provider's default audience, which google-github-actions/auth requests.
      const provider = resource(json(), 'google_iam_workload_identity_pool_provider', GITHUB_PROVIDER);
      expect(provider).toMatchObject({
        project: 'acme-dev',
        workload_identity_pool_id: '${google_iam_workload_identity_pool.pool.workload_identity_pool_id}',
        workload_identity_pool_provider_id: GITHUB_PROVIDER,
        oidc: { issuer_uri: GITHUB_ISSUER },
        attribute_mapping: { 'google.subject': `"${GITHUB_PROVIDER}:" + assertion.sub` },
        attribute_condition: 'assertion.sub in ["repo:acme/payments:environment:dev"]',
      });
      expect(provider.oidc).not.toHaveProperty('allowed_audiences');
    });

    it('THEN only that subject\'s principal may act as the service account (Workload Identity User)', () => {
      expect(resource(json(), 'google_service_account_iam_member', 'deployer_federation')).toEqual({
        service_account_id: '${google_service_account.deployer.name}',
        role: 'roles/iam.workloadIdentityUser',
        member: principal(`${GITHUB_PROVIDER}:repo:acme/payments:environment:dev`),
      });
    });
  });

  describe('GIVEN a Lambda workload that also has a GCP identity', () => {
    const json = once(() => synthGcp('bridge'));

    it('THEN the account\'s AWS provider maps the role of the session ARN and admits only sessions of that role', () => {
      // https://cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds (AWS): the assertion is the
      // caller's GetCallerIdentity, whose arn is arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION;
      // assertion.arn.extract('assumed-role/{role}/') is the role name.
      const role = 'assertion.arn.extract("assumed-role/{role}/")';
      expect(resource(json(), 'google_iam_workload_identity_pool_provider', 'aws-111111111111')).toMatchObject({
        workload_identity_pool_provider_id: 'aws-111111111111',
        aws: { account_id: '111111111111' },
        attribute_mapping: { 'google.subject': `"aws-111111111111:" + ${role}`, 'attribute.aws_role': role },
        attribute_condition: 'assertion.arn.startsWith("arn:aws:sts::111111111111:assumed-role/") && attribute.aws_role in ["acme-dev-bridge"]',
      });
      expect(resource(json(), 'google_service_account_iam_member', 'bridge_federation')).toEqual({
        service_account_id: '${google_service_account.bridge.name}',
        role: 'roles/iam.workloadIdentityUser',
        member: principal('aws-111111111111:acme-dev-bridge'),
      });
    });
  });
});
