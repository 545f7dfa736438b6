/**
 * What Google Cloud monitoring one environment gets, as plain data: the audited services, the
 * log-based metrics, and the alert policies with their exact filters. The construct
 * (lib/gcp/monitoring.ts) emits this plan; the load-time quota check (lib/config/gcp-monitoring-quotas.ts)
 * counts it; the API rules (lib/gcp/monitoring-api-rules.ts) hold the synthesized result against Google's limits.
 *
 * Denied calls: one metric per environment, and one alert policy per distinct threshold (not per
 * identity) whose conditions group the series by caller, so each service account still opens its
 * own incident. A policy per identity would reach the 2,000 alert policies of a project at the
 * estates the README describes (3,000 and 10,000 workloads). A policy lists its members by
 * e-mail, so it alerts on this environment's accounts only, and holds as many as fit a filter's
 * 2,048 characters; larger groups take several policies.
 */
import { trustsFor } from '../sources/source-list';
import { kindOf } from '../kinds';
import type { AlertThreshold } from '../monitoring/neutral';
import { environmentNames, identityNames } from '../spec/names';
import { originalName } from '../spec/renames';
import type { EnvironmentSpec } from '../spec/types';
import { ALWAYS_WATCHED, AUDITED_SERVICES, resourceTypesOf } from './audited-resources';
import type { AuditedResourceType, AuditedService } from './audited-resources';

/** Conditions one alert policy takes (provider: resource_monitoring_alert_policy.go:72-78). */
export const CONDITIONS_PER_POLICY = 6;

/** Longest filter of a threshold condition (provider: google/services/monitoring/resource_monitoring_alert_policy.go:924-937, v6.50.0). */
export const THRESHOLD_FILTER_LIMIT = 2048;

/** The metric label holding the caller's e-mail. */
export const PRINCIPAL_LABEL = 'principal';

/** A log-based metric: its name and the log filter it counts. */
export interface PlannedMetric {
  readonly address: string;
  readonly name: string;
  readonly filter: string;
  /** Whether it carries the caller's e-mail as the `principal` label. */
  readonly byPrincipal: boolean;
}

/** One threshold condition: a resource type's series of a metric, grouped per caller. */
export interface PlannedCondition {
  readonly displayName: string;
  readonly filter: string;
  readonly groupByFields: readonly string[];
}

/** One alert policy on a metric. */
export interface PlannedPolicy {
  readonly address: string;
  readonly displayName: string;
  readonly threshold: AlertThreshold;
  /** The service accounts it alerts on, by e-mail (empty: every series of the metric). */
  readonly members: readonly string[];
  readonly conditions: readonly PlannedCondition[];
}

export interface GcpMonitoringPlan {
  /** Services whose Data Access logs this environment needs. */
  readonly services: readonly AuditedService[];
  readonly deniedMetric?: PlannedMetric;
  readonly deniedPolicies: readonly PlannedPolicy[];
  readonly exchangeMetric?: PlannedMetric;
  readonly exchangePolicy?: PlannedPolicy;
}

/** The e-mail of a user-managed service account (https://cloud.google.com/iam/docs/service-account-overview). */
export function serviceAccountEmail(accountId: string, projectId: string): string {
  return `${accountId}@${projectId}.iam.gserviceaccount.com`;
}

const quote = (v: string) => JSON.stringify(v);
const anyOf = (clauses: readonly string[]) => (clauses.length === 1 ? clauses[0] : `(${clauses.join(' OR ')})`);

/**
 * Permission-denied audit entries (`status.code` 7) of the audited resource types: calls by the
 * project's service accounts, and token requests (GenerateAccessToken) on them, which is where a
 * federated token the pool admits but whose principal lacks its binding is refused.
 */
function deniedCallsFilter(projectId: string, types: readonly AuditedResourceType[]): string {
  const domain = quote(`@${projectId}.iam.gserviceaccount.com`);
  return [
    'logName:"cloudaudit.googleapis.com"',
    'protoPayload.status.code=7',
    anyOf(types.map((t) => `resource.type=${quote(t)}`)),
    anyOf([
      `protoPayload.authenticationInfo.principalEmail:${domain}`,
      `(protoPayload.serviceName="iamcredentials.googleapis.com" AND resource.labels.email_id:${domain})`,
    ]),
  ].join(' AND ');
}

/** Token exchanges that failed: a federated workload's token was refused by the pool. */
const FAILED_EXCHANGE_FILTER =
  'logName:"cloudaudit.googleapis.com" AND protoPayload.serviceName="sts.googleapis.com" AND ' +
  `resource.type=${quote(AUDITED_SERVICES['sts.googleapis.com'].resourceTypes[0])} AND ` +
  'protoPayload.methodName:"ExchangeToken" AND protoPayload.status.code!=0';

/**
 * The clauses that select one member's series on a resource type: as caller, and on service
 * accounts also as the target. Filters name labels as `metric.labels.KEY` and `resource.labels.KEY`
 * (https://cloud.google.com/monitoring/api/v3/filters, time series filter objects); group-by fields
 * as `metric.label.KEY` (the provider's acceptance test against the API,
 * google/services/monitoring/resource_monitoring_alert_policy_test.go:322-327, v6.50.0).
 */
function memberClauses(type: AuditedResourceType, member: string): string[] {
  return [`metric.labels.${PRINCIPAL_LABEL}=${quote(member)}`, ...(type === 'service_account' ? [`resource.labels.email_id=${quote(member)}`] : [])];
}

const seriesOf = (metricName: string, type: AuditedResourceType) => `metric.type=${quote(`logging.googleapis.com/user/${metricName}`)} AND resource.type=${quote(type)}`;

/** The series filter of one condition: the metric, one resource type, and the members (callers, or targets of token requests). */
function conditionFilter(metricName: string, type: AuditedResourceType, members: readonly string[], byPrincipal: boolean): string {
  const series = seriesOf(metricName, type);
  return byPrincipal && members.length ? `${series} AND ${anyOf(members.flatMap((m) => memberClauses(type, m)))}` : series;
}

function conditions(metric: PlannedMetric, types: readonly AuditedResourceType[], members: readonly string[], event: string): PlannedCondition[] {
  return types.map((type) => ({
    displayName: `${event} on ${type}`,
    filter: conditionFilter(metric.name, type, members, metric.byPrincipal),
    groupByFields: metric.byPrincipal ? [`metric.label.${PRINCIPAL_LABEL}`, ...(type === 'service_account' ? ['resource.label.email_id'] : [])] : [],
  }));
}

/**
 * Splits members, in order, into the fewest consecutive groups whose every condition filter fits
 * the limit. Lengths are kept per type as they grow (10,000 members: one pass), then each
 * filter is built and measured once.
 */
function packMembers(metric: PlannedMetric, types: readonly AuditedResourceType[], members: readonly string[]): string[][] {
  const OR = ' OR '.length;
  const length = (t: number, clauses: number, sum: number) => seriesOf(metric.name, types[t]).length + ' AND '.length + sum + (clauses > 1 ? 2 : 0);
  const groups: string[][] = [];
  let state: { clauses: number; sum: number }[] = [];
  for (const member of members) {
    const added = types.map((t) => memberClauses(t, member));
    const grown = state.map((s, t) => ({ clauses: s.clauses + added[t].length, sum: s.sum + added[t].reduce((n, c) => n + c.length + OR, 0) }));
    const last = groups.at(-1);
    if (last && grown.every((s, t) => length(t, s.clauses, s.sum) <= THRESHOLD_FILTER_LIMIT)) {
      last.push(member);
      state = grown;
    } else {
      groups.push([member]);
      state = added.map((clauses) => ({ clauses: clauses.length, sum: clauses.reduce((n, c) => n + c.length, 0) + (clauses.length - 1) * OR }));
    }
  }
  for (const group of groups) {
    for (const t of types) {
      const n = conditionFilter(metric.name, t, group, true).length;
      if (n > THRESHOLD_FILTER_LIMIT) throw new Error(`${metric.name}: a ${t} filter of ${n} characters, over ${THRESHOLD_FILTER_LIMIT}`);
    }
  }
  return groups;
}

const plans = new WeakMap<EnvironmentSpec, { readonly app: string; readonly plan: GcpMonitoringPlan }>();

/**
 * The monitoring plan of one environment of `app`. Kept per environment object: the load-time
 * quota check, the audit-config owners and the construct all ask for it (10,000 workloads: 0.5 s each).
 */
export function planGcpMonitoring(app: string, env: EnvironmentSpec): GcpMonitoringPlan {
  const known = plans.get(env);
  if (known?.app === app) return known.plan;
  const plan = computePlan(app, env);
  plans.set(env, { app, plan });
  return plan;
}

function computePlan(app: string, env: EnvironmentSpec): GcpMonitoringPlan {
  const gcp = env.gcp;
  if (!gcp) return { services: [], deniedPolicies: [] };
  const prefix = `${app}-${env.name}`;
  const onGcp = env.workloads.filter((w) => w.clouds.includes('gcp'));
  const federated = onGcp.some((w) => trustsFor(w, 'gcp', env).some((t) => t.trust.kind !== 'native'));
  const granted = onGcp.flatMap((w) => w.grants.filter((g) => g.resource.clouds.gcp).map((g) => kindOf(g.resource.kind).gcp.audit.service));
  const services = (Object.keys(AUDITED_SERVICES) as AuditedService[]).filter(
    (s) => granted.includes(s) || (federated && (s === 'iamcredentials.googleapis.com' || s === 'sts.googleapis.com')),
  );

  // Denials on service accounts, on the project and on generic service resources are always
  // counted: Admin Activity entries (always written) record them, whatever is granted.
  const types = [...new Set([...resourceTypesOf(services.filter((s) => s !== 'sts.googleapis.com')), ...(Object.keys(ALWAYS_WATCHED) as AuditedResourceType[])])];
  const watched = onGcp.filter((w) => !w.monitoring.optOut);
  const deniedMetric: PlannedMetric | undefined = watched.length
    ? { address: 'denied_calls', name: environmentNames(app, env.name).gcpDeniedMetric, filter: deniedCallsFilter(gcp.projectId, types), byPrincipal: true }
    : undefined;

  const byThreshold = new Map<string, { threshold: AlertThreshold; members: string[] }>();
  for (const w of watched) {
    const t = w.monitoring.deniedCalls;
    const key = `${t.threshold}_in_${t.windowMinutes}m`;
    const group = byThreshold.get(key) ?? { threshold: t, members: [] };
    group.members.push(serviceAccountEmail(identityNames(app, env.name, originalName(w)).gcpAccountId, gcp.projectId));
    byThreshold.set(key, group);
  }
  // A policy takes at most six conditions (lib/gcp/monitoring-api-rules.ts): the types are split over policies.
  const typeChunks = Array.from({ length: Math.ceil(types.length / CONDITIONS_PER_POLICY) }, (_, j) => types.slice(j * CONDITIONS_PER_POLICY, (j + 1) * CONDITIONS_PER_POLICY));
  const deniedPolicies: PlannedPolicy[] = [];
  for (const [key, { threshold, members }] of [...byThreshold].sort(([a], [b]) => a.localeCompare(b))) {
    const metric = deniedMetric as PlannedMetric;
    const groups = packMembers(metric, types, members);
    groups.forEach((group, k) =>
      typeChunks.forEach((chunk, j) => {
        const part = groups.length * typeChunks.length > 1 ? `, ${k * typeChunks.length + j + 1} of ${groups.length * typeChunks.length}` : '';
        deniedPolicies.push({
          address: `denied_calls_${key}_${k + 1}${j ? `_${String.fromCharCode(97 + j)}` : ''}`,
          displayName: `${prefix}: denied calls (at least ${threshold.threshold} in ${threshold.windowMinutes} min)${part}`,
          threshold,
          members: group,
          conditions: conditions(metric, chunk, group, 'denied calls'),
        });
      }),
    );
  }

  if (!federated) return { services, deniedMetric, deniedPolicies };
  const exchangeMetric: PlannedMetric = { address: 'failed_token_exchanges', name: environmentNames(app, env.name).gcpFailedExchangeMetric, filter: FAILED_EXCHANGE_FILTER, byPrincipal: false };
  const exchangePolicy: PlannedPolicy = {
    address: 'failed_token_exchanges',
    displayName: `${prefix}: failed token exchanges`,
    threshold: env.monitoring.deniedCalls,
    members: [],
    conditions: conditions(exchangeMetric, AUDITED_SERVICES['sts.googleapis.com'].resourceTypes, [], 'failed token exchanges'),
  };
  return { services, deniedMetric, deniedPolicies, exchangeMetric, exchangePolicy };
}
