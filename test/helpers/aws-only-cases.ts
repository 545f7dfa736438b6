/**
 * AWS-only configs that their own test files check in detail and test/terraform.test.ts plans,
 * all in one run, through the real terraform CLI (an offline plan takes AWS-only stacks).
 */
import { config, workload } from './configs';
import { example } from './synth';

/** An environment `dev` with AWS alone. */
export const AWS_ONLY_ENVIRONMENT = `
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }`;

/** A workload on EKS Pod Identity (cluster `main-dev`, service account pay/api) reading a bucket. */
export const EKS_ON_AWS = config(workload('pods', '{ eks: { cluster: "main-{env}", namespace: pay, serviceAccount: api } }', ['{ resource: bucket, allow: [read] }']), AWS_ONLY_ENVIRONMENT);

/** The GKE runsOn of test/sources/gke.test.ts: cluster `shop-{env}` in europe-west1, service account shop/worker. */
export const GKE = '{ gke: { cluster: "shop-{env}", location: europe-west1, namespace: shop, serviceAccount: worker } }';

/** A GKE pod (project acme-dev) reading a bucket on AWS alone, through the cluster's issuer. */
export const GKE_ON_AWS = config(workload('pods', GKE.replace('serviceAccount: worker', 'serviceAccount: worker, projectId: acme-dev'), ['{ resource: bucket, allow: [read] }'], '    clouds: [aws]\n'), AWS_ONLY_ENVIRONMENT);

/** The AWS-only example with its workload `poster` renamed `ledger-poster` (previousNames: [poster]). */
export const RENAMED_POSTER = example('aws-only.yaml').replace(/^  poster:\n/m, '  ledger-poster:\n    previousNames: [poster]\n');

const BUCKET = ['{ resource: bucket, allow: [read] }'];
/** A GitHub deployer's source, in the `owner/repo` form and in GitHub's immutable `owner@id/repo@id` form. */
export const GITHUB_BY_NAME = '{ github: { repository: acme/app, environment: "{env}" } }';
export const GITHUB_BY_ID = '{ github: { repository: "acme@40000001/app@892000001", environment: "{env}" } }';
const EKS_A = '{ eks: { cluster: shop-a, namespace: shop, serviceAccount: api } }';
const EKS_B = '{ eks: { cluster: shop-b, namespace: shop, serviceAccount: api } }';

/** A GitHub deployer and an EKS service with one source each, on AWS alone. */
export const SINGLE_SOURCES = config(workload('deployer', GITHUB_BY_NAME, BUCKET) + workload('pods', EKS_A, BUCKET), AWS_ONLY_ENVIRONMENT);
/** The same two workloads with a second source each, the old one first: the deployer by id, the service in a second cluster. */
export const SOURCE_LISTS = config(workload('deployer', `[${GITHUB_BY_NAME}, ${GITHUB_BY_ID}]`, BUCKET) + workload('pods', `[${EKS_A}, ${EKS_B}]`, BUCKET), AWS_ONLY_ENVIRONMENT);
