/**
 * The credential configuration a workload outside Google Cloud hands to the Google client
 * libraries (GOOGLE_APPLICATION_CREDENTIALS): made by `gcloud iam workload-identity-pools
 * create-cred-config` from the provider's full name, the service account and where the
 * workload's token comes from: AWS's own credentials (`--aws`), Azure's instance metadata
 * (`--azure`, for the environment's token audience), or a token file (Kubernetes, another
 * issuer). https://cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds,
 * https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/create-cred-config
 */
import { shellCommand } from './quote';
import type { Snippet, WiringContext } from './wiring-context';
import { shellValue } from './wiring-context';

/** Where a Kubernetes Pod (kubernetes.ts) or your process keeps the token exchanged for Google credentials. */
export const GCP_TOKEN_FILE = '/var/run/secrets/tokens/gcp-token';

/** The audience a token for the workload's provider must carry: the config's, else the provider's default. */
export function gcpAudience(ctx: WiringContext): string {
  const source = ctx.source;
  const explicit = source.type === 'oidc' ? source.audience.gcp : undefined;
  const provider = ctx.required('gcp', 'workload_identity_provider');
  return explicit ?? `//iam.googleapis.com/${'known' in provider ? provider.known : ''}`;
}

export function gcpCredentialConfigSnippets(ctx: WiringContext): Snippet[] {
  const source = ctx.source;
  const from =
    source.type === 'runtime'
      ? source.cloud === 'aws'
        ? ['--aws', '--enable-imdsv2']
        : ['--azure', `--app-id-uri=${(ctx.env.azure as NonNullable<typeof ctx.env.azure>).tokenAudience}`]
      : [`--credential-source-file=${GCP_TOKEN_FILE}`, '--credential-source-type=text'];
  const text = [
    shellCommand([
      'gcloud',
      'iam',
      'workload-identity-pools',
      'create-cred-config',
      shellValue(ctx.required('gcp', 'workload_identity_provider')),
      { raw: `--service-account=${wordOf(shellValue(ctx.required('gcp', 'service_account_email')))}` },
      ...from,
      '--output-file=gcp-credentials.json',
    ]),
    'export GOOGLE_APPLICATION_CREDENTIALS="$PWD/gcp-credentials.json"',
  ];
  // An audience is printable ASCII without spaces (lib/spec/free-text.ts): it cannot end the comment line.
  if (source.type === 'oidc') text.unshift(`# The workload writes its token, for audience ${gcpAudience(ctx)}, to ${GCP_TOKEN_FILE}.`);
  return [{ title: 'Google Cloud credential configuration', language: 'shell', text: `${text.join('\n')}\n` }];
}

/** A shell word as text: quoted known text, or the substitution itself. */
const wordOf = (word: string | { raw: string }) => (typeof word === 'string' ? shellCommand([word]) : word.raw);
