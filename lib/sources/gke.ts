/**
 * runsOn.gke: a Kubernetes service account of a GKE cluster with Workload Identity Federation
 * for GKE (https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity).
 *
 * On GCP no pool of ours: the pod is already a principal of the project's Google-managed pool
 * `<project>.svc.id.goog`. Its member `serviceAccount:<project>.svc.id.goog[<ns>/<ksa>]` gets
 * `roles/iam.workloadIdentityUser` on the workload's service account, which holds the grants.
 * Granting the pod's `principal://` identifier on each resource instead would skip the service
 * account, but that page lists Google Cloud products that do not accept those principal
 * identifiers in allow policies and names impersonation of a service account as the way for
 * them: impersonation works on every resource kind this project grants, so it is the one model.
 * The other clouds trust the cluster's own OIDC issuer, as for runsOn.kubernetes.
 */
import { obj, str } from '../spec/schema-parts';
import { expandPlaceholders } from '../spec/placeholders';
import type { ConfigPath, Problems } from '../spec/config-error';
import { shown } from '../spec/echo';
import type { FederatedForm } from './form';
import { kubernetesForm } from './kubernetes';

export interface RawGke {
  readonly cluster: string;
  readonly location: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** @default the environment's gcp.projectId */
  readonly projectId?: string;
}

type Field = keyof RawGke & string;

/** What each field must look like once its placeholders are expanded, and the rule's source. */
const FIELD_RULES: Readonly<Record<Field, { readonly pattern: RegExp; readonly rule: string }>> = {
  cluster: {
    pattern: /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    rule: 'lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit, at most 40 characters (https://cloud.google.com/sdk/gcloud/reference/container/clusters/create)',
  },
  location: {
    pattern: /^[a-z]+-[a-z]+[0-9]+(?:-[a-z])?$/,
    rule: 'a region such as europe-west1 or a zone such as europe-west1-b (https://cloud.google.com/compute/docs/regions-zones)',
  },
  namespace: {
    pattern: /^(?=.{1,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    rule: 'a DNS-1123 label: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)',
  },
  serviceAccount: {
    pattern: /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/,
    rule: 'a DNS-1123 subdomain: at most 253 characters of dot-separated lowercase labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)',
  },
  projectId: {
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    rule: '6 to 30 lowercase letters, digits and hyphens, starting with a letter (https://cloud.google.com/resource-manager/docs/creating-managing-projects)',
  },
};

/** A placeholder stands for a value the environment supplies: checked as a letter here, as its value where it expands. */
const PLACEHOLDER = /\{(?:env|account|region|project)\}/g;

function checkFields(value: Readonly<Record<string, unknown>>, path: ConfigPath, problems: Problems): void {
  for (const [field, { pattern, rule }] of Object.entries(FIELD_RULES)) {
    const v = value[field];
    if (typeof v === 'string' && !pattern.test(v.replace(PLACEHOLDER, 'a'))) problems.add([...path, field], `${shown(v)} is not a valid GKE ${field}: ${rule}`);
  }
}

/** The issuer GKE publishes for a cluster (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity#use_oidc_issuer). */
export const gkeIssuer = (project: string, location: string, cluster: string): string =>
  `https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${cluster}`;

/** The member of a Kubernetes service account in the project's GKE workload identity pool. */
export const gkeMember = (project: string, namespace: string, serviceAccount: string): string =>
  `serviceAccount:${project}.svc.id.goog[${namespace}/${serviceAccount}]`;

export const gkeForm: FederatedForm<RawGke> = {
  schema: obj(
    {
      cluster: str('GKE cluster name'),
      location: str('the cluster location: a region or a zone'),
      namespace: str('Kubernetes namespace'),
      serviceAccount: str('Kubernetes service account'),
      projectId: str("the cluster's Google Cloud project (default: the environment's gcp.projectId)"),
    },
    ['cluster', 'location', 'namespace', 'serviceAccount'],
  ),
  subjectFields: ['namespace', 'serviceAccount'],
  defaultsFromEnvironment: { field: 'projectId', cloud: 'gcp', setting: 'gcp.projectId' },
  check: checkFields,
  claims(g, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    const project = e(g.projectId ?? '{project}');
    const issuer = gkeIssuer(project, e(g.location), e(g.cluster));
    return {
      ...kubernetesForm.claims({ issuer, namespace: g.namespace, serviceAccount: g.serviceAccount }, env),
      gcpMember: gkeMember(project, e(g.namespace), e(g.serviceAccount)),
    };
  },
};
