/** Small configs for tests, built as YAML text the way a user writes them. */

/** The AWS account of threeCloudEnvironment. */
export const ACCOUNT = '111111111111';
/** The Entra tenant of threeCloudEnvironment. */
export const TENANT = '00000000-0000-0000-0000-0000000000aa';
/** The workload identity pool of app `acme` in threeCloudEnvironment `dev` (project number 123456789012). */
export const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/acme-dev';
/** GitHub Actions' OIDC issuer. */
export const GITHUB = 'https://token.actions.githubusercontent.com';

/** An environment with all three clouds, named `env`. */
export function threeCloudEnvironment(env = 'dev', extra = ''): string {
  return `
  ${env}:
    aws:   { accountId: "${ACCOUNT}", region: us-east-1 }
    gcp:   { projectId: acme-${env}, projectNumber: "123456789012", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: ${TENANT},
             resourceGroup: rg-${env}, location: eastus }
    monitoring: { notify: [secops@example.com] }${extra}`;
}

/** One resource of every kind, named after the kind, on every cloud. */
export const EVERY_KIND_RESOURCES = `
resources:
  bucket: { kind: bucket, aws: { bucket: acme-files }, gcp: { bucket: acme-files }, azure: { storageAccount: acmefiles, container: files } }
  secret: { kind: secret, aws: { name: app/secret }, gcp: { secret: app-secret }, azure: { vault: kv-acme, secret: app-secret } }
  queue:  { kind: queue, aws: { queue: jobs }, gcp: { topic: jobs, subscription: jobs-worker }, azure: { namespace: sb-acme-ns, queue: jobs } }
  topic:  { kind: topic, aws: { topic: events }, gcp: { topic: events }, azure: { namespace: sb-acme-ns, topic: events } }
  key:    { kind: key, aws: { keyId: 1234abcd-12ab-34cd-56ef-1234567890ab }, gcp: { keyRing: ring, key: signing }, azure: { vault: kv-acme, key: signing } }
`;

/** A config: app `acme`, one three-cloud environment `dev`, every kind of resource, and `workloads` (YAML). */
export function config(workloads: string, environments = threeCloudEnvironment()): string {
  return `app: acme\nenvironments:${environments}\n${EVERY_KIND_RESOURCES}\nworkloads:\n${workloads}`;
}

/** A workload entry (YAML) with the given runsOn and access lines. */
export function workload(name: string, runsOn: string, access: string[] = [], extra = ''): string {
  const list = access.length ? `\n${access.map((a) => `      - ${a}`).join('\n')}` : ' []';
  return `  ${name}:\n    description: ${name} workload\n    owner: team-${name}\n    runsOn: ${runsOn}\n${extra}    access:${list}\n`;
}

/** An environment's YAML (from `threeCloudEnvironment`) whose GCP project may hold `quota` service accounts. */
export function withServiceAccountQuota(environment: string, quota: number): string {
  return environment.replace('region: us-central1 }', `region: us-central1, serviceAccountQuota: ${quota} }`);
}
