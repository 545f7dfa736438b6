/**
 * Rules of the Google Cloud APIs (and quotas) that the google provider does not check at plan
 * time, one row each with its source, held against synthesized Terraform JSON. The tests run
 * every synthesized GCP stack of every example and test config through `checkGcpMonitoringApiRules`;
 * the load-time quota check (lib/config/gcp-monitoring-quotas.ts) refuses configs that would
 * break the per-project quotas before anything is synthesized.
 */
import { CONDITIONS_PER_POLICY, THRESHOLD_FILTER_LIMIT } from './monitoring-plan';
import type { NamedStackJson } from '../terraform/stack-json';

/** The rules, by id. */
export type GcpApiRuleId =
  | 'threshold-filter-resource-type'
  | 'threshold-filter-length'
  | 'conditions-per-policy'
  | 'one-condition-type'
  | 'threshold-duration-minutes'
  | 'alignment-period'
  | 'cross-series-needs-aligner'
  | 'documentation-content'
  | 'log-match-rate-limit'
  | 'policy-display-name-length'
  | 'channels-per-policy'
  | 'user-metric-waited-for'
  | 'metric-name'
  | 'metric-filter-length'
  | 'channel-no-url-in-name'
  | 'alert-policies-per-project'
  | 'log-metrics-per-project'
  | 'audit-config-one-owner';

export interface GcpApiRule {
  readonly rule: string;
  readonly source: string;
}

const PROVIDER = 'hashicorp/terraform-provider-google v6.50.0';
const ALERT_POLICY = `${PROVIDER} google/services/monitoring/resource_monitoring_alert_policy.go`;
const QUOTAS = 'https://cloud.google.com/monitoring/quotas';

/** Alert policies per project (metrics scope). */
export const ALERT_POLICIES_PER_PROJECT = 2000;
/** User-defined log-based metrics per project. */
export const LOG_METRICS_PER_PROJECT = 500;
/** Notification channels one alert policy may name. */
export const CHANNELS_PER_POLICY = 16;
/**
 * Longest wait the Monitoring API announces before a new log-based metric can be used in a policy:
 * 404 "If a metric was created recently, it could take up to 10 minutes to become available"
 * (hashicorp/terraform-provider-google#11102); the provider retries only 409 concurrent edits.
 */
export const NEW_METRIC_SECONDS = 600;
export { CONDITIONS_PER_POLICY };

export const GCP_MONITORING_API_RULES: Readonly<Record<GcpApiRuleId, GcpApiRule>> = {
  'threshold-filter-resource-type': {
    rule: 'a condition_threshold filter names exactly one resource.type',
    source: 'Monitoring API refuses filters without it: hashicorp/terraform-provider-google issues #4165 and #7179',
  },
  'threshold-filter-length': { rule: `a condition filter has at most ${THRESHOLD_FILTER_LIMIT} characters`, source: `${ALERT_POLICY}:924-937 (filter description)` },
  'conditions-per-policy': { rule: `an alert policy has 1 to ${CONDITIONS_PER_POLICY} conditions`, source: `${ALERT_POLICY}:72-78` },
  'one-condition-type': {
    rule: 'each condition sets exactly one condition_* block (the provider checks none of this)',
    source: 'https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#Condition (union field condition)',
  },
  'threshold-duration-minutes': { rule: 'condition_threshold.duration is a whole number of minutes, in seconds ("0s", "60s", ...)', source: `${ALERT_POLICY}:643-660` },
  'alignment-period': {
    rule: 'an aggregation with a per-series aligner has an alignment_period of 60s to 90,000s (25 hours, the most an alert policy takes)',
    source: `${ALERT_POLICY}:680-697 (at least 60 s); https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#Aggregation (alignmentPeriod: 90,000 s for alerting policies)`,
  },
  'cross-series-needs-aligner': {
    rule: 'an aggregation with a cross_series_reducer also has a per_series_aligner other than ALIGN_NONE and an alignment_period',
    source: `${ALERT_POLICY}:698-720 (cross_series_reducer description)`,
  },
  'documentation-content': {
    rule: 'documentation content has at most 8,192 characters and 10,240 UTF-8 bytes; mime_type is "text/markdown"',
    source: `${ALERT_POLICY}:1104-1110, 1133-1138`,
  },
  'log-match-rate-limit': {
    rule: 'a policy with condition_matched_log sets alert_strategy.notification_rate_limit.period',
    source: `${ALERT_POLICY}:1073-1080`,
  },
  'policy-display-name-length': { rule: 'an alert policy display_name has at most 512 characters', source: `${ALERT_POLICY}:1018-1024` },
  'channels-per-policy': { rule: `an alert policy names at most ${CHANNELS_PER_POLICY} notification channels`, source: `${QUOTAS} (notification channels per alerting policy)` },
  'user-metric-waited-for': {
    rule: `a policy on logging.googleapis.com/user/<m> depends on a time_sleep of at least ${NEW_METRIC_SECONDS}s that depends on the google_logging_metric <m>`,
    source:
      'Monitoring API: 404 "it could take up to 10 minutes to become available" (hashicorp/terraform-provider-google#11102); ' +
      `the provider retries only 409 concurrent edits (${ALERT_POLICY}:1328)`,
  },
  'metric-name': {
    rule: 'a log-based metric name has at most 100 characters of A-Z a-z 0-9 _-.,+!*\',()%/ and does not start with /',
    source: `${PROVIDER} google/services/logging/resource_logging_metric.go:65-73`,
  },
  'metric-filter-length': { rule: 'a log-based metric filter has at most 20,000 characters', source: 'https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.metrics (filter)' },
  'channel-no-url-in-name': {
    rule: 'a notification channel display_name holds no URL (a webhook URL often carries a token; display names are shown to every monitoring viewer)',
    source: 'this project (issue 13, item 8)',
  },
  'alert-policies-per-project': { rule: `at most ${ALERT_POLICIES_PER_PROJECT} alert policies per project, over every stack`, source: `${QUOTAS} (alerting policies per metrics scope)` },
  'log-metrics-per-project': { rule: `at most ${LOG_METRICS_PER_PROJECT} user-defined log-based metrics per project, over every stack`, source: 'https://cloud.google.com/logging/quotas (user-defined log-based metrics)' },
  'audit-config-one-owner': {
    rule: 'one stack manages the google_project_iam_audit_config of a (project, service)',
    source: `authoritative per service: ${PROVIDER} website/docs/r/google_project_iam.html.markdown:28`,
  },
};

/** One broken rule: where, and what. */
export interface GcpApiViolation {
  readonly rule: GcpApiRuleId;
  readonly stack: string;
  readonly address: string;
  readonly detail: string;
}

type Json = Record<string, unknown>;

const seconds = (d: unknown) => (typeof d === 'string' && /^\d+s$/.test(d) ? Number(d.slice(0, -1)) : NaN);
const METRIC_NAME = /^[A-Za-z0-9_\-.,+!*'()%/]{1,100}$/;
const USER_METRIC = /metric\.type="logging\.googleapis\.com\/user\/([^"]+)"/;

/** Every rule broken by the stacks, each stack alone and all together (per-project quotas, ownership). */
export function checkGcpMonitoringApiRules(stacks: readonly NamedStackJson[]): GcpApiViolation[] {
  const out: GcpApiViolation[] = [];
  const perProject = new Map<string, { policies: number; metrics: Set<string> }>();
  const auditOwners = new Map<string, string[]>();
  const project = (r: Json) => String(r.project);
  const count = (p: string) => perProject.get(p) ?? perProject.set(p, { policies: 0, metrics: new Set() }).get(p)!;

  for (const { name: stack, json } of stacks) {
    const res = json.resource ?? {};
    const at = (type: string) => Object.entries(res[type] ?? {});
    const bad = (rule: GcpApiRuleId, address: string, detail: string) => out.push({ rule, stack, address, detail });
    const metricsByName = new Map(at('google_logging_metric').map(([a, m]) => [String(m.name), a]));
    const sleeps = new Map(at('time_sleep'));

    for (const [address, m] of at('google_logging_metric')) {
      const a = `google_logging_metric.${address}`;
      if (!METRIC_NAME.test(String(m.name)) || String(m.name).startsWith('/')) bad('metric-name', a, String(m.name));
      if (String(m.filter).length > 20000) bad('metric-filter-length', a, `${String(m.filter).length} characters`);
      count(project(m)).metrics.add(String(m.name));
    }
    for (const [address, c] of at('google_monitoring_notification_channel')) {
      if (/https?:\/\//i.test(String(c.display_name ?? ''))) bad('channel-no-url-in-name', `google_monitoring_notification_channel.${address}`, 'display_name holds a URL');
    }
    for (const [address, a] of at('google_project_iam_audit_config')) {
      const key = `${project(a)} ${String(a.service)}`;
      auditOwners.set(key, [...(auditOwners.get(key) ?? []), `${stack}: google_project_iam_audit_config.${address}`]);
    }
    for (const [address, p] of at('google_monitoring_alert_policy')) {
      const a = `google_monitoring_alert_policy.${address}`;
      count(project(p)).policies++;
      const conditions = (p.conditions ?? []) as Json[];
      if (conditions.length < 1 || conditions.length > CONDITIONS_PER_POLICY) bad('conditions-per-policy', a, `${conditions.length} conditions`);
      if (String(p.display_name).length > 512) bad('policy-display-name-length', a, `${String(p.display_name).length} characters`);
      if (((p.notification_channels ?? []) as unknown[]).length > CHANNELS_PER_POLICY) bad('channels-per-policy', a, `${(p.notification_channels as unknown[]).length} channels`);
      const doc = (p.documentation ?? {}) as Json;
      const content = String(doc.content ?? '');
      if ([...content].length > 8192 || Buffer.byteLength(content, 'utf8') > 10240 || (doc.mime_type !== undefined && doc.mime_type !== 'text/markdown')) {
        bad('documentation-content', a, `${[...content].length} characters, mime_type ${String(doc.mime_type)}`);
      }
      const strategy = ((p.alert_strategy ?? {}) as Json).notification_rate_limit as Json | undefined;
      if (conditions.some((c) => c.condition_matched_log) && !strategy?.period) bad('log-match-rate-limit', a, 'no notification_rate_limit.period');
      for (const [i, c] of conditions.entries()) {
        const kinds = Object.keys(c).filter((k) => k.startsWith('condition_'));
        if (kinds.length !== 1) bad('one-condition-type', `${a} conditions[${i}]`, kinds.join(', ') || 'none');
        const t = c.condition_threshold as Json | undefined;
        if (!t) continue;
        const where = `${a} conditions[${i}]`;
        const filter = String(t.filter ?? '');
        if ((filter.match(/\bresource\.type\s*=/g) ?? []).length !== 1) bad('threshold-filter-resource-type', where, filter.slice(0, 120));
        if (filter.length > THRESHOLD_FILTER_LIMIT) bad('threshold-filter-length', where, `${filter.length} characters`);
        const d = seconds(t.duration);
        if (!(d >= 0 && d % 60 === 0)) bad('threshold-duration-minutes', where, String(t.duration));
        for (const agg of (t.aggregations ?? []) as Json[]) {
          const aligned = !!agg.per_series_aligner && agg.per_series_aligner !== 'ALIGN_NONE';
          if (aligned && !(seconds(agg.alignment_period) >= 60 && seconds(agg.alignment_period) <= 90000)) bad('alignment-period', where, String(agg.alignment_period));
          if (agg.cross_series_reducer && agg.cross_series_reducer !== 'REDUCE_NONE' && !(aligned && agg.alignment_period)) bad('cross-series-needs-aligner', where, String(agg.cross_series_reducer));
        }
        const metric = USER_METRIC.exec(filter)?.[1];
        if (metric && !waitsFor(p, metric, metricsByName, sleeps)) bad('user-metric-waited-for', where, metric);
      }
    }
  }
  for (const [p, { policies, metrics }] of perProject) {
    if (policies > ALERT_POLICIES_PER_PROJECT) out.push({ rule: 'alert-policies-per-project', stack: '*', address: p, detail: `${policies} alert policies` });
    if (metrics.size > LOG_METRICS_PER_PROJECT) out.push({ rule: 'log-metrics-per-project', stack: '*', address: p, detail: `${metrics.size} log-based metrics` });
  }
  for (const [key, owners] of auditOwners) {
    if (owners.length > 1) out.push({ rule: 'audit-config-one-owner', stack: '*', address: key, detail: owners.join(', ') });
  }
  return out;
}

/** Whether the policy depends on a long enough time_sleep that depends on the metric of that name (in the same stack). */
function waitsFor(policy: Json, metric: string, metricsByName: ReadonlyMap<string, string>, sleeps: ReadonlyMap<string, Json>): boolean {
  const metricAddress = metricsByName.get(metric);
  if (!metricAddress) return false;
  return ((policy.depends_on ?? []) as string[]).some((dep) => {
    const sleep = dep.startsWith('time_sleep.') ? sleeps.get(dep.slice('time_sleep.'.length)) : undefined;
    return !!sleep && seconds(sleep.create_duration) >= NEW_METRIC_SECONDS && ((sleep.depends_on ?? []) as string[]).includes(`google_logging_metric.${metricAddress}`);
  });
}
