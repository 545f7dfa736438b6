/**
 * Kubernetes wiring for a workload that runs as a service account of a cluster: the
 * ServiceAccount with the EKS annotation (`eks.amazonaws.com/role-arn`, read by the EKS Pod
 * Identity webhook) and the AKS one (`azure.workload.identity/client-id`, read by the Azure
 * Workload Identity webhook, which also needs the pod label `azure.workload.identity/use`), and a
 * Pod that mounts, for Google Cloud, a service account token projected for the provider's
 * audience and the credential configuration that exchanges it
 * (https://cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes). On GKE's own
 * workload identity (runsOn.gke) Google Cloud needs neither: the ServiceAccount carries
 * `iam.gke.io/gcp-service-account`, the service account it impersonates, and the GKE metadata
 * server gives the pod its tokens
 * (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity, "Link Kubernetes ServiceAccounts to IAM").
 */
import { stringify } from 'yaml';
import type { OidcSource } from '../spec/types';
import { GCP_TOKEN_FILE, gcpAudience } from './gcp-credential-config';
import { shellCommand } from './quote';
import { kubernetesFields } from './source-fields';
import type { Snippet, WiringContext } from './wiring-context';

/** Where the Pod mounts the credential configuration (made by the gcloud snippet, kept in a ConfigMap). */
const GCP_CONFIG_DIR = '/etc/workload-identity/gcp';
const GCP_CONFIG_FILE = 'credentials.json';

export function kubernetesSnippets(ctx: WiringContext): Snippet[] {
  const { namespace, serviceAccount } = kubernetesFields(ctx.source as OidcSource);
  const annotations: Record<string, string> = {};
  const later: string[] = [];
  // EKS Pod Identity needs no annotation: its association names the role, and an IRSA annotation would make the SDKs try a web identity the role does not trust
  // (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html).
  const arn = (ctx.source as OidcSource).podIdentity ? undefined : ctx.value('aws', 'role_arn');
  if (arn) {
    if ('known' in arn) annotations['eks.amazonaws.com/role-arn'] = arn.known;
    else later.push(annotate(namespace, serviceAccount, 'eks.amazonaws.com/role-arn', arn.command));
  }
  // GKE's own workload identity: the service account the Kubernetes one impersonates.
  const gke = (ctx.source as OidcSource).gcpMember !== undefined;
  const email = gke ? ctx.value('gcp', 'service_account_email') : undefined;
  if (email) {
    if ('known' in email) annotations['iam.gke.io/gcp-service-account'] = email.known;
    else later.push(annotate(namespace, serviceAccount, 'iam.gke.io/gcp-service-account', email.command));
  }
  const clientId = ctx.value('azure', 'client_id');
  if (clientId) {
    if ('known' in clientId) annotations['azure.workload.identity/client-id'] = clientId.known;
    else later.push(annotate(namespace, serviceAccount, 'azure.workload.identity/client-id', clientId.command));
  }
  const account = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: serviceAccount, namespace, ...(Object.keys(annotations).length && { annotations }) },
  };
  const snippets: Snippet[] = [{ title: 'Kubernetes ServiceAccount', language: 'yaml', text: stringify(account, { lineWidth: 0 }) }];
  if (later.length) snippets.push({ title: 'After apply: the annotations known only then', language: 'shell', text: `${later.join('\n')}\n` });

  const gcp = ctx.has('gcp') && !gke;
  const tokenDir = GCP_TOKEN_FILE.slice(0, GCP_TOKEN_FILE.lastIndexOf('/'));
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: ctx.workload.name, namespace, ...(clientId && { labels: { 'azure.workload.identity/use': 'true' } }) },
    spec: {
      serviceAccountName: serviceAccount,
      containers: [
        {
          name: ctx.workload.name,
          image: 'IMAGE',
          ...(gcp && {
            env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${GCP_CONFIG_DIR}/${GCP_CONFIG_FILE}` }],
            volumeMounts: [
              { name: 'gcp-token', mountPath: tokenDir, readOnly: true },
              { name: 'gcp-credentials', mountPath: GCP_CONFIG_DIR, readOnly: true },
            ],
          }),
        },
      ],
      ...(gcp && {
        volumes: [
          {
            name: 'gcp-token',
            projected: { sources: [{ serviceAccountToken: { audience: gcpAudience(ctx), expirationSeconds: 3600, path: GCP_TOKEN_FILE.slice(tokenDir.length + 1) } }] },
          },
          { name: 'gcp-credentials', configMap: { name: gcpConfigMap(ctx) } },
        ],
      }),
    },
  };
  snippets.push({ title: 'A Pod running as it (replace IMAGE)', language: 'yaml', text: stringify(pod, { lineWidth: 0 }) });
  if (gcp) {
    const text = shellCommand(['kubectl', 'create', 'configmap', gcpConfigMap(ctx), '--namespace', namespace, `--from-file=${GCP_CONFIG_FILE}=gcp-credentials.json`]);
    snippets.push({ title: 'The ConfigMap with the Google Cloud credential configuration (made by the gcloud command below)', language: 'shell', text: `${text}\n` });
  }
  return snippets;
}

/** The ConfigMap holding the workload's Google Cloud credential configuration. */
const gcpConfigMap = (ctx: WiringContext) => `${ctx.workload.name}-gcp-credentials`;

/** Annotates the service account with the value `command` prints (`key` is one of the fixed annotation keys above). */
function annotate(namespace: string, serviceAccount: string, key: string, command: string): string {
  return shellCommand(['kubectl', 'annotate', 'serviceaccount', serviceAccount, '--namespace', namespace, '--overwrite', { raw: `${key}="$(${command})"` }]);
}
