/**
 * The size IAM measures a policy document at, and IAM's size limits for a role's policies.
 *
 * IAM counts the characters of the document it receives, whitespace not counted
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "IAM and STS
 * character limits"). The provider does not send our JSON as written: `aws_iam_role_policy` and
 * `aws_iam_policy` pass it through `verify.LegacyPolicyNormalize`
 * (terraform-provider-aws internal/verify/json.go), i.e. terraform-plugin-sdk's
 * `structure.NormalizeJsonString`, a Go `json.Unmarshal` + `json.Marshal`, which writes `<`,
 * `>` and `&` as six-character `\u003c` escapes (Go encoding/json, HTMLEscape; also U+2028 and
 * U+2029). The measure counts those as six.
 */
import type { PolicyDocument } from './policy-document';

/** IAM quotas on a role's policies (reference_iam-quotas.html). */
export const ROLE_POLICY_QUOTAS = {
  /** Aggregate size of all inline policies of one role, in non-whitespace characters. */
  inlineChars: 10_240,
  /** Size of one customer managed policy, in non-whitespace characters. */
  managedChars: 6_144,
  /** Managed policies attached to one role: 10 by default (20 on request). */
  managedPerRole: 10,
} as const;

/** Non-whitespace characters of the document as the provider sends it to IAM. */
export function policySize(doc: PolicyDocument): number {
  return jsonSize(doc);
}

/** Non-whitespace characters of a JSON value as Go's encoder writes it. */
export function jsonSize(value: unknown): number {
  let size = 0;
  for (const c of JSON.stringify(value)) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    size += c === '<' || c === '>' || c === '&' || c === '\u2028' || c === '\u2029' ? 6 : 1;
  }
  return size;
}
