/**
 * AWS API rules that terraform-provider-aws (v5.100) does not validate, so `terraform validate`
 * and `plan` pass and only apply would fail: one row per rule, with its source. Rules the
 * provider does validate (role name 64 and charset, max_session_duration 3600..43200, role path,
 * trail name length, log group name, alarm name 255 and description 1024, SNS topic name, OIDC
 * client id 255 and thumbprint 40 characters) are left to `terraform validate`, which the tests
 * run on every AWS-only stack.
 *
 * `checkAwsApiLimits` holds a synthesized stack (Terraform JSON) against every row; the tests run it
 * on every stack of every example and test config (test/aws/api-limits.test.ts). What a config can
 * push past a limit is refused at load with its path (lib/config/aws-limits.ts,
 * lib/spec/aws-statement-rules.ts) or avoided in what is emitted (lib/aws/role-policies.ts, the
 * trail's selector coarsening in lib/aws/audit-trail.ts).
 */
import { TRAIL_SELECTOR_VALUES } from './audit-trail';
import type { PolicyDocument } from './policy-document';
import { ROLE_POLICY_QUOTAS, policySize } from './policy-size';
import { brokenConditionOperator } from '../spec/aws-statement-rules';
import { METRIC_FILTERS_PER_LOG_GROUP, OIDC_CLIENT_IDS } from './quotas';
import { parseReference } from '../terraform/reference';
import type { ResourcesJson } from '../terraform/stack-json';
import { unescapeTemplate } from '../terraform/template-escape';


/** One broken rule at one resource. */
export interface ApiLimitViolation {
  readonly rule: AwsApiRuleId;
  readonly address: string;
  readonly message: string;
}

export type AwsApiRuleId =
  | 'iam-inline-policy-size'
  | 'iam-managed-policy-size'
  | 'iam-managed-policies-per-role'
  | 'iam-trust-policy-size'
  | 'iam-sid-unique'
  | 'iam-sid-characters'
  | 'iam-policy-characters'
  | 'iam-condition-operator'
  | 'iam-resource-arn'
  | 'iam-description-characters'
  | 'tag-limits'
  | 'trail-selector-values'
  | 'log-group-metric-filters'
  | 'metric-filter-dimensions'
  | 'metric-filter-pattern-length'
  | 'alarm-actions'
  | 'alarm-dimensions'
  | 'oidc-client-ids'
  | 'oidc-thumbprints'
  | 'sns-display-name';

interface AwsApiRule {
  readonly rule: string;
  readonly source: string;
}

const IAM_QUOTAS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';

/** The table: each rule and where it is documented. */
export const AWS_API_RULES: Readonly<Record<AwsApiRuleId, AwsApiRule>> = {
  'iam-inline-policy-size': { rule: `a role's inline policies hold at most ${ROLE_POLICY_QUOTAS.inlineChars} non-whitespace characters together`, source: `${IAM_QUOTAS} (IAM and STS character limits); the provider checks each policy alone (internal/service/iam/role_policy.go, verify.ValidIAMPolicyJSON)` },
  'iam-managed-policy-size': { rule: `a managed policy holds at most ${ROLE_POLICY_QUOTAS.managedChars} non-whitespace characters`, source: `${IAM_QUOTAS} (IAM and STS character limits)` },
  'iam-managed-policies-per-role': { rule: `at most ${ROLE_POLICY_QUOTAS.managedPerRole} managed policies attached to a role (default quota; 20 on request)`, source: `${IAM_QUOTAS} (IAM object quotas: Managed policies attached to an IAM role)` },
  'iam-trust-policy-size': { rule: 'a role trust policy holds at most 2,048 non-whitespace characters (default quota; 4,096 on request)', source: `${IAM_QUOTAS} (Role trust policy length); the provider checks only that it is JSON (internal/service/iam/role.go, assume_role_policy)` },
  'iam-sid-unique': { rule: 'statement ids are unique within a policy', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html' },
  'iam-sid-characters': { rule: 'a statement id holds only A-Z, a-z and 0-9', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html' },
  'iam-policy-characters': { rule: 'a policy document holds only tab, LF, CR and U+0020 to U+00FF', source: `${IAM_QUOTAS} (IAM name requirements)` },
  'iam-condition-operator': { rule: "condition operators follow IAM's grammar", source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html' },
  'iam-resource-arn': { rule: 'Resource and NotResource are * or an ARN arn:partition:service:region:account:resource', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html' },
  'iam-description-characters': { rule: 'role and policy descriptions hold at most 1,000 characters of tab, LF, CR, U+0020-U+007E, U+00A1-U+00FF', source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html and API_CreatePolicy.html (Description pattern); the provider accepts any letters (internal/service/iam/role.go, description)' },
  'tag-limits': { rule: 'at most 50 tags; keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; no key starts with aws:', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html (Tag naming rules) and https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html; the provider does not check tags (internal/tags, TagsSchema)' },
  'trail-selector-values': { rule: `at most ${TRAIL_SELECTOR_VALUES} values across all advanced event selectors of a trail`, source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html; the provider checks each value is 1-2048 characters (internal/service/cloudtrail/trail.go)' },
  'log-group-metric-filters': { rule: `at most ${METRIC_FILTERS_PER_LOG_GROUP} metric filters per log group`, source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html (Metric filters)' },
  'metric-filter-dimensions': { rule: 'at most 3 dimensions per metric transformation', source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html (dimensions)' },
  'metric-filter-pattern-length': { rule: 'a filter pattern holds at most 1,024 characters', source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html (filterPattern)' },
  'alarm-actions': { rule: 'at most 5 actions per alarm state', source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html (Alarm actions); alarms per account are not limited (same page)' },
  'alarm-dimensions': { rule: 'at most 30 dimensions per metric', source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html (Dimensions)' },
  'oidc-client-ids': { rule: `at most ${OIDC_CLIENT_IDS} client ids per IAM OIDC provider`, source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html (ClientIDList); the provider checks each id is 1-255 characters (internal/service/iam/openid_connect_provider.go)' },
  'oidc-thumbprints': { rule: 'at most 5 thumbprints per IAM OIDC provider', source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html (ThumbprintList)' },
  'sns-display-name': { rule: 'an SNS topic display name holds at most 100 characters', source: 'https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html (DisplayName)' },
};

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const DESCRIPTION = /^[\t\n\r\x20-\x7e\xa1-\xff]*$/;
const POLICY_CHARACTERS = /^[\t\n\r\x20-\xff]*$/;
/** A Terraform reference resolves at apply; only its shape is known (an ARN, a name). */
const REFERENCE = /^\$\{[^}]+\}/;
const RESOURCE = /^(?:\*|arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:.+)$/s;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function parsePolicy(text: unknown): PolicyDocument | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(unescapeTemplate(text)) as PolicyDocument;
  } catch {
    return undefined;
  }
}

function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsOf(v);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* stringsOf(v);
    }
  }
}

/** The document rules every policy (permission or trust) meets. */
function documentViolations(doc: PolicyDocument, address: string): ApiLimitViolation[] {
  const out: ApiLimitViolation[] = [];
  const add = (rule: AwsApiRuleId, message: string) => out.push({ rule, address, message });
  const seen = new Set<string>();
  for (const s of doc.Statement ?? []) {
    if (s.Sid !== undefined) {
      if (seen.has(s.Sid)) add('iam-sid-unique', `statement id ${s.Sid} repeats`);
      seen.add(s.Sid);
      if (!/^[A-Za-z0-9]*$/.test(s.Sid)) add('iam-sid-characters', `statement id ${JSON.stringify(s.Sid)}`);
    }
    for (const op of Object.keys(s.Condition ?? {})) {
      const broken = brokenConditionOperator(op);
      if (broken) add('iam-condition-operator', broken);
    }
    for (const r of [...list(s.Resource), ...list(s.NotResource)]) {
      if (typeof r === 'string' && !REFERENCE.test(r) && !RESOURCE.test(r)) add('iam-resource-arn', `resource ${JSON.stringify(r.slice(0, 80))}`);
    }
  }
  for (const text of stringsOf(doc)) {
    if (!POLICY_CHARACTERS.test(text)) add('iam-policy-characters', `${JSON.stringify(text.slice(0, 60))} holds a character outside IAM's range`);
  }
  return out;
}

/** Every violation of the table in one synthesized stack. */
export function checkAwsApiLimits(resources: ResourcesJson): ApiLimitViolation[] {
  const out: ApiLimitViolation[] = [];
  const add = (rule: AwsApiRuleId, address: string, message: string) => out.push({ rule, address, message });
  const of = (type: string) => Object.entries(resources[type] ?? {});

  const inlineByRole = new Map<string, number>();
  for (const [name, p] of of('aws_iam_role_policy')) {
    const doc = parsePolicy(p.policy);
    if (!doc) continue;
    out.push(...documentViolations(doc, `aws_iam_role_policy.${name}`));
    const role = parseReference(p.role)?.name ?? String(p.role);
    inlineByRole.set(role, (inlineByRole.get(role) ?? 0) + policySize(doc));
  }
  for (const [role, size] of inlineByRole) {
    if (size > ROLE_POLICY_QUOTAS.inlineChars) add('iam-inline-policy-size', `aws_iam_role.${role}`, `inline policies of ${size} characters`);
  }
  for (const [name, p] of of('aws_iam_policy')) {
    const doc = parsePolicy(p.policy);
    if (doc) {
      out.push(...documentViolations(doc, `aws_iam_policy.${name}`));
      if (policySize(doc) > ROLE_POLICY_QUOTAS.managedChars) add('iam-managed-policy-size', `aws_iam_policy.${name}`, `${policySize(doc)} characters`);
    }
    if (typeof p.description === 'string' && (p.description.length > 1000 || !DESCRIPTION.test(p.description))) add('iam-description-characters', `aws_iam_policy.${name}`, 'description');
  }
  const attached = new Map<string, number>();
  for (const [, a] of of('aws_iam_role_policy_attachment')) {
    const role = parseReference(a.role)?.name ?? String(a.role);
    attached.set(role, (attached.get(role) ?? 0) + 1);
  }
  for (const [name, role] of of('aws_iam_role')) {
    const count = (attached.get(name) ?? 0) + list(role.managed_policy_arns).length;
    if (count > ROLE_POLICY_QUOTAS.managedPerRole) add('iam-managed-policies-per-role', `aws_iam_role.${name}`, `${count} managed policies`);
    const trust = parsePolicy(role.assume_role_policy);
    if (trust) {
      out.push(...documentViolations(trust, `aws_iam_role.${name}`));
      if (policySize(trust) > 2048) add('iam-trust-policy-size', `aws_iam_role.${name}`, `trust policy of ${policySize(trust)} characters`);
    }
    if (typeof role.description === 'string' && (role.description.length > 1000 || !DESCRIPTION.test(role.description))) add('iam-description-characters', `aws_iam_role.${name}`, 'description');
  }
  for (const [name, p] of of('aws_s3_bucket_policy')) {
    const doc = parsePolicy(p.policy);
    if (doc) out.push(...documentViolations(doc, `aws_s3_bucket_policy.${name}`));
  }

  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, r] of Object.entries(byName)) {
      const tags = r.tags as Record<string, unknown> | undefined;
      if (!tags || typeof tags !== 'object') continue;
      const entries = Object.entries(tags);
      const bad = entries.filter(([k, v]) => k.length < 1 || k.length > 128 || k.toLowerCase().startsWith('aws:') || !TAG_TEXT.test(k) || typeof v !== 'string' || v.length > 256 || !TAG_TEXT.test(v));
      if (entries.length > 50 || bad.length) add('tag-limits', `${type}.${name}`, `${entries.length} tags${bad.length ? `; refused: ${bad.map(([k]) => k).join(', ')}` : ''}`);
    }
  }

  for (const [name, t] of of('aws_cloudtrail')) {
    let values = 0;
    for (const sel of list(t.advanced_event_selector) as Record<string, unknown>[]) {
      for (const f of list(sel.field_selector) as Record<string, unknown>[]) {
        for (const op of ['equals', 'not_equals', 'starts_with', 'not_starts_with', 'ends_with', 'not_ends_with']) values += list(f[op]).length;
      }
    }
    if (values > TRAIL_SELECTOR_VALUES) add('trail-selector-values', `aws_cloudtrail.${name}`, `${values} selector values`);
  }
  const filtersByGroup = new Map<string, number>();
  for (const [name, f] of of('aws_cloudwatch_log_metric_filter')) {
    const group = String(f.log_group_name);
    filtersByGroup.set(group, (filtersByGroup.get(group) ?? 0) + 1);
    for (const m of list(f.metric_transformation) as Record<string, unknown>[]) {
      const dims = Object.keys((m.dimensions as Record<string, unknown> | undefined) ?? {}).length;
      if (dims > 3) add('metric-filter-dimensions', `aws_cloudwatch_log_metric_filter.${name}`, `${dims} dimensions`);
    }
    if (typeof f.pattern === 'string' && f.pattern.length > 1024) add('metric-filter-pattern-length', `aws_cloudwatch_log_metric_filter.${name}`, `${f.pattern.length} characters`);
  }
  for (const [group, count] of filtersByGroup) {
    if (count > METRIC_FILTERS_PER_LOG_GROUP) add('log-group-metric-filters', group, `${count} metric filters`);
  }
  for (const [name, a] of of('aws_cloudwatch_metric_alarm')) {
    for (const field of ['alarm_actions', 'ok_actions', 'insufficient_data_actions']) {
      if (list(a[field]).length > 5) add('alarm-actions', `aws_cloudwatch_metric_alarm.${name}`, `${list(a[field]).length} ${field}`);
    }
    const dims = Object.keys((a.dimensions as Record<string, unknown> | undefined) ?? {}).length;
    if (dims > 30) add('alarm-dimensions', `aws_cloudwatch_metric_alarm.${name}`, `${dims} dimensions`);
  }
  for (const [name, p] of of('aws_iam_openid_connect_provider')) {
    if (list(p.client_id_list).length > OIDC_CLIENT_IDS) add('oidc-client-ids', `aws_iam_openid_connect_provider.${name}`, `${list(p.client_id_list).length} client ids`);
    if (list(p.thumbprint_list).length > 5) add('oidc-thumbprints', `aws_iam_openid_connect_provider.${name}`, `${list(p.thumbprint_list).length} thumbprints`);
  }
  for (const [name, t] of of('aws_sns_topic')) {
    if (typeof t.display_name === 'string' && t.display_name.length > 100) add('sns-display-name', `aws_sns_topic.${name}`, `${t.display_name.length} characters`);
  }
  return out;
}
