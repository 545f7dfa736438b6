/** runsOn.kubernetes: a service account of a cluster with an OIDC issuer (EKS, GKE or AKS). */
import { HTTPS_URL, obj, str } from '../spec/schema-parts';
import { expandPlaceholders } from '../spec/placeholders';
import { AWS_STS_AUDIENCE, AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { FederatedForm } from './form';

export interface RawKubernetes {
  readonly issuer: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export const kubernetesForm: FederatedForm<RawKubernetes> = {
  schema: obj(
    {
      issuer: str('the cluster OIDC issuer URL (EKS, GKE or AKS)', { pattern: HTTPS_URL }),
      namespace: str('Kubernetes namespace'),
      serviceAccount: str('Kubernetes service account'),
    },
    ['issuer', 'namespace', 'serviceAccount'],
  ),
  gcpProviderPrefixes: [
    [/^https:\/\/oidc\.eks\./, 'eks'],
    [/^https:\/\/container\.googleapis\.com\//, 'gke'],
    [/\.azure\.com\//, 'aks'],
  ],
  subjectFields: ['namespace', 'serviceAccount'],
  issuerField: 'issuer',
  claims(k, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    return {
      issuer: e(k.issuer),
      subject: `system:serviceaccount:${e(k.namespace)}:${e(k.serviceAccount)}`,
      audience: { aws: AWS_STS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: [{ expression: "assertion['kubernetes.io']['namespace']", value: e(k.namespace) }],
    };
  },
};
