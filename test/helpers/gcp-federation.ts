/**
 * Google's token exchange against a synthesized workload identity pool provider, evaluated with
 * a real CEL implementation (@bufbuild/cel) and Google's `extract()` extension added here:
 * which principals a token becomes, and so which service account bindings it may use.
 *
 * What is ours, not Google's: the order of the steps below, as documented at
 * https://cloud.google.com/iam/docs/workload-identity-federation (issuer and audience checked,
 * then attribute mapping, then the attribute condition over `assertion`, `google` and
 * `attribute`), and `extract()` as documented at
 * https://cloud.google.com/iam/docs/workload-identity-federation#mapping.
 */
import { CelScalar, celMethod, isCelError, run } from '@bufbuild/cel';
import type { CelInput } from '@bufbuild/cel';

/**
 * Google's `extract(template)`: the text that the template's one `{name}` placeholder stands
 * for, between the first occurrence of the text before it and the next occurrence of the text
 * after it (to the end where nothing follows); the empty string where the template does not
 * match. Google's page gives the examples (tested), not this wording: the no-match result is our
 * reading, and either way a condition listing the admitted roles refuses it. `'arn:aws:sts::1:assumed-role/r/s'.extract('assumed-role/{role}/')` is `r`.
 */
export function extract(value: string, template: string): string {
  const m = /^([^{}]*)\{[a-z_]+\}([^{}]*)$/.exec(template);
  if (!m) throw new Error(`extract(): a template holds one {placeholder}: ${template}`);
  const [, before, after] = m;
  const start = value.indexOf(before);
  if (start < 0) return '';
  const from = start + before.length;
  if (!after) return value.slice(from);
  const end = value.indexOf(after, from);
  return end < 0 ? '' : value.slice(from, end);
}

const EXTRACT = celMethod('extract', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (template) {
  return extract(this, template);
});

/** Evaluates one CEL expression with Google's extension functions. */
export function evaluate(expression: string, bindings: Record<string, unknown>): unknown {
  const result = run(expression, bindings as Record<string, CelInput>, { funcs: [EXTRACT] });
  if (isCelError(result)) throw new Error(`${expression}: ${result.message}`);
  return result;
}

/** A credential presented to a provider: an OIDC token's claims, or an AWS caller identity. */
export type Credential =
  | { readonly kind: 'oidc'; readonly iss: string; readonly aud: string; readonly claims: Record<string, unknown> }
  | { readonly kind: 'aws'; readonly account: string; readonly arn: string };

/** What an exchange gives: the token's principals, or why it was refused. */
export type Exchange = { readonly principals: string[]; readonly subject: string } | { readonly refused: string };

/**
 * Exchanges `credential` at `provider` (its synthesized Terraform JSON) of the pool named
 * `poolName` (`projects/N/locations/global/workloadIdentityPools/P`).
 */
export function exchange(provider: Record<string, unknown>, poolName: string, credential: Credential): Exchange {
  const id = provider.workload_identity_pool_provider_id as string;
  const oidc = provider.oidc as { issuer_uri: string; allowed_audiences?: string[] } | undefined;
  const aws = provider.aws as { account_id: string } | undefined;
  let assertion: Record<string, unknown>;
  if (credential.kind === 'oidc') {
    if (!oidc) return { refused: 'not an OIDC provider' };
    if (oidc.issuer_uri !== credential.iss) return { refused: `issuer ${credential.iss} is not ${oidc.issuer_uri}` };
    const canonical = `iam.googleapis.com/${poolName}/providers/${id}`;
    const audiences = oidc.allowed_audiences?.length ? oidc.allowed_audiences : [`//${canonical}`, `https://${canonical}`];
    if (!audiences.includes(credential.aud)) return { refused: `audience ${credential.aud}` };
    assertion = { ...credential.claims, iss: credential.iss, aud: credential.aud };
  } else {
    if (!aws) return { refused: 'not an AWS provider' };
    if (aws.account_id !== credential.account) return { refused: `account ${credential.account}` };
    assertion = { arn: credential.arn, account: credential.account };
  }
  const mapping = (provider.attribute_mapping ?? {}) as Record<string, string>;
  const google: Record<string, unknown> = {};
  const attribute: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(mapping)) {
    const [scope, name] = key.split('.');
    let value: unknown;
    try {
      value = evaluate(expression, { assertion });
    } catch (err) {
      return { refused: `mapping ${key}: ${(err as Error).message}` };
    }
    (scope === 'google' ? google : attribute)[name] = value;
  }
  const subject = google.subject;
  if (typeof subject !== 'string' || !subject) return { refused: 'no google.subject' };
  if (Buffer.byteLength(subject) > 127) return { refused: `google.subject is ${Buffer.byteLength(subject)} bytes` };
  const condition = provider.attribute_condition as string | undefined;
  if (condition) {
    let admitted: unknown;
    try {
      admitted = evaluate(condition, { assertion, google, attribute });
    } catch (err) {
      return { refused: `condition: ${(err as Error).message}` };
    }
    if (admitted !== true) return { refused: 'condition is false' };
  }
  const base = `iam.googleapis.com/${poolName}`;
  return {
    subject,
    principals: [
      `principal://${base}/subject/${subject}`,
      `principalSet://${base}/*`,
      ...Object.entries(attribute).map(([k, v]) => `principalSet://${base}/attribute.${k}/${String(v)}`),
    ],
  };
}
