/**
 * runsOn.eks: a service account of an EKS cluster, through EKS Pod Identity on AWS and through
 * the cluster's OIDC issuer on the other clouds.
 *
 * Naming rules, checked at load: a namespace is a DNS-1123 label and a service account name a
 * DNS-1123 subdomain (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/);
 * a cluster name has 1-100 characters matching `^[0-9A-Za-z][A-Za-z0-9\-_]*`
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html).
 */
import type { Cloud } from '../access/vocabulary';
import { HTTPS_URL, obj, str } from '../spec/schema-parts';
import { expandPlaceholders } from '../spec/placeholders';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { FederatedForm } from './form';

export interface RawEks {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The cluster's OIDC issuer: required when the workload has an identity on GCP or Azure. */
  readonly issuer?: string;
}

/** Placeholders are allowed inside a name: `{env}` expands before the name reaches a cloud. */
const PLACEHOLDER = '(?:\\{[a-z]+\\})';
const DNS_LABEL = new RegExp(`^(?:[a-z0-9]|${PLACEHOLDER})(?:[-a-z0-9]|${PLACEHOLDER}){0,62}$`);
const DNS_SUBDOMAIN = new RegExp(`^(?:[a-z0-9]|${PLACEHOLDER})(?:[-.a-z0-9]|${PLACEHOLDER}){0,252}$`);
const EKS_CLUSTER = new RegExp(`^(?:[0-9A-Za-z]|${PLACEHOLDER})(?:[A-Za-z0-9_-]|${PLACEHOLDER}){0,99}$`);

export const eksForm: FederatedForm<RawEks> = {
  schema: obj(
    {
      cluster: str('EKS cluster name (1-100 characters: letters, digits, - and _, starting with a letter or digit)', { pattern: EKS_CLUSTER.source }),
      namespace: str('Kubernetes namespace (a DNS-1123 label)', { pattern: DNS_LABEL.source }),
      serviceAccount: str('Kubernetes service account (a DNS-1123 subdomain)', { pattern: DNS_SUBDOMAIN.source }),
      issuer: str('the cluster OIDC issuer URL, for identities on GCP and Azure', { pattern: HTTPS_URL }),
    },
    ['cluster', 'namespace', 'serviceAccount'],
  ),
  gcpProviderPrefixes: [[/^https:\/\/oidc\.eks\./, 'eks']],
  subjectFields: ['cluster', 'namespace', 'serviceAccount'],
  issuerField: 'issuer',
  check(value, path, problems, clouds) {
    const needIssuer = clouds.filter((c: Cloud) => c !== 'aws');
    if (value.issuer === undefined && needIssuer.length) {
      problems.add(path, `set issuer (the cluster's OIDC issuer URL): EKS Pod Identity serves only AWS, and the workload has an identity on ${needIssuer.join(' and ')}`);
    }
  },
  claims(k, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    return {
      // Unread when absent: the loader refuses a workload on GCP or Azure without an issuer.
      issuer: k.issuer === undefined ? '' : e(k.issuer),
      subject: `system:serviceaccount:${e(k.namespace)}:${e(k.serviceAccount)}`,
      audience: { azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: [{ expression: "assertion['kubernetes.io']['namespace']", value: e(k.namespace) }],
      podIdentity: { cluster: e(k.cluster), namespace: e(k.namespace), serviceAccount: e(k.serviceAccount) },
    };
  },
};
