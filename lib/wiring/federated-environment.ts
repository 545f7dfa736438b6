/**
 * The environment a workload sets to federate into AWS or Azure with a token file: the SDKs'
 * web identity variables (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html;
 * AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE: the azure-identity
 * WorkloadIdentityCredential), and, where it runs on another cloud, the command that writes that
 * cloud's token for the trusted audience to the file (refresh it before it expires: an hour).
 */
import type { Cloud } from '../access/vocabulary';
import { trustFor } from '../sources/runs-on';
import { shellCommand, shellWord } from './quote';
import type { Snippet, WiringContext, WiringValue } from './wiring-context';

const TOKEN_FILE: Readonly<Record<'aws' | 'azure', string>> = { aws: '/var/run/secrets/tokens/aws-token', azure: '/var/run/secrets/tokens/azure-token' };

/** The command that prints a token of the workload's home cloud for `audience`. */
const HOME_TOKEN: Readonly<Record<Cloud, (audience: string, ctx: WiringContext) => string>> = {
  // AWS outbound identity federation (GetWebIdentityToken).
  aws: (audience) => shellCommand(['aws', 'sts', 'get-web-identity-token', '--audience', audience, '--signing-algorithm', 'RS256', '--query', 'WebIdentityToken', '--output', 'text']),
  // The metadata server's ID token of the attached service account.
  gcp: (audience) =>
    shellCommand(['curl', '-sf', '-H', 'Metadata-Flavor: Google', `http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=${encodeURIComponent(audience)}`]),
  // The instance metadata token of the user-assigned identity (App Service and Functions: $IDENTITY_ENDPOINT instead).
  azure: (audience, ctx) => {
    const url = `http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${encodeURIComponent(audience)}&client_id=`;
    return `${shellCommand(['curl', '-sf', '-H', 'Metadata: true', { raw: `${shellWord(url)}${substituted(ctx.required('azure', 'client_id'))}` }])} | jq -r .access_token`;
  },
};

/** Known text quoted, or the output command substituted, as part of one shell word. */
const substituted = (value: WiringValue) => ('known' in value ? shellWord(value.known) : `"$(${value.command})"`);

/** `export NAME=value` lines. */
const exportLines = (vars: readonly [string, WiringValue][]) => vars.map(([name, value]) => `export ${name}=${substituted(value)}`);

export function federatedEnvironmentSnippets(ctx: WiringContext): Snippet[] {
  const source = ctx.source;
  const home = source.type === 'runtime' ? source.cloud : undefined;
  const snippets: Snippet[] = [];
  for (const target of ['aws', 'azure'] as const) {
    if (target === home || !ctx.has(target)) continue;
    const trust = trustFor(source, target, ctx.env);
    if (trust.kind !== 'oidc') continue;
    const file = TOKEN_FILE[target];
    const vars: [string, WiringValue][] =
      target === 'aws'
        ? [['AWS_ROLE_ARN', ctx.required('aws', 'role_arn')], ['AWS_WEB_IDENTITY_TOKEN_FILE', { known: file }]]
        : [['AZURE_CLIENT_ID', ctx.required('azure', 'client_id')], ['AZURE_TENANT_ID', ctx.required('azure', 'tenant_id')], ['AZURE_FEDERATED_TOKEN_FILE', { known: file }]];
    const audience = trust.audience as string;
    const lines = [...exportLines(vars)];
    if (home) lines.push(`mkdir -p ${shellWord(file.slice(0, file.lastIndexOf('/')))}`, `${HOME_TOKEN[home](audience, ctx)} > "$${vars[vars.length - 1][0]}"`);
    // An audience is printable ASCII without spaces (lib/spec/free-text.ts): it cannot end the comment line.
    else lines.unshift(`# The workload writes its ${trust.issuer.replace(/\s/g, '')} token, for audience ${audience}, to ${file}.`);
    snippets.push({ title: `Environment for ${target === 'aws' ? 'AWS web identity' : 'Azure workload identity'}`, language: 'shell', text: `${lines.join('\n')}\n` });
  }
  return snippets;
}
