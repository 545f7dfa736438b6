/**
 * Google Cloud monitoring of one environment, as planned by lib/gcp/monitoring-plan.ts: the Data
 * Access audit configs this environment owns (lib/gcp/audit-configs.ts), the log-based metrics,
 * a wait for the new metrics to become queryable, notification channels for every notify address
 * and webhook, and the alert policies (denied calls grouped per caller; failed token exchanges).
 */
import { Construct } from 'constructs';
import { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import type { IdentityContext } from '../constructs/identity-context';
import { DENIED_CALL, FAILED_FEDERATION, addressSlugs, alertSchedules } from '../monitoring/neutral';
import type { AlertEvent } from '../monitoring/neutral';
import { webhookSlug, webhookUrl } from '../constructs/webhook-url';
import type { OwnedObject } from '../constructs/shared-ownership';
import { useTimeProvider } from '../constructs/time-provider';
import type { EnvironmentSpec } from '../spec/types';
import { NEW_METRIC_SECONDS } from './monitoring-api-rules';
import { auditConfigKey } from './audit-configs';
import type { AuditConfigNeed } from './audit-configs';
import type { GcpWorkloadIdentity } from './identity';
import { PRINCIPAL_LABEL, planGcpMonitoring, serviceAccountEmail } from './monitoring-plan';
import type { PlannedMetric, PlannedPolicy } from './monitoring-plan';

export interface GcpMonitoringProps {
  /** The app name, prefix of every name. */
  readonly app: string;
  /** The environment monitored; its `gcp` must be set. */
  readonly env: EnvironmentSpec;
  /** Who owns each (project, service) audit config of the spec (lib/gcp/audit-configs.ts). */
  readonly auditConfigs: ReadonlyMap<string, OwnedObject<AuditConfigNeed>>;
}

export class GcpMonitoring extends Construct {
  /** The channels every alert policy notifies. */
  readonly channels: string[];
  private readonly project: string;
  private readonly members: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: GcpMonitoringProps) {
    super(scope, id);
    const { app, env } = props;
    const gcp = env.gcp as NonNullable<EnvironmentSpec['gcp']>;
    this.project = gcp.projectId;
    const plan = planGcpMonitoring(app, env);
    this.members = new Set(plan.deniedPolicies.flatMap((p) => p.members));

    for (const service of plan.services) {
      const owned = props.auditConfigs.get(auditConfigKey(this.project, service));
      if (!owned) throw new Error(`no audit config planned for ${service} in project ${this.project}`);
      if (owned.owner !== env.name) continue;
      new ProjectIamAuditConfig(this, `audit-${service}`, {
        project: this.project,
        service,
        auditLogConfig: owned.value.logTypes.map((logType) => ({ logType })),
      }).overrideLogicalId(`audit_${service.split('.')[0]}`);
    }

    const prefix = `${app}-${env.name}`;
    const emailSlugs = addressSlugs(env.monitoring.notify);
    this.channels = [
      ...env.monitoring.notify.map((email, i) => this.channel(`notify_${emailSlugs[i]}`, 'email', `${prefix} identity alerts: ${email}`, { email_address: email })),
      // The URL goes only into the label the channel type requires (lib/constructs/webhook-url.ts).
      ...env.monitoring.webhooks.map((url, i) =>
        this.channel(`notify_${webhookSlug(url)}`, 'webhook_tokenauth', `${prefix} identity alerts: webhook ${i + 1}`, { url: webhookUrl(this, 'gcp', prefix, url, i) }),
      ),
      ...env.monitoring.gcp.notificationChannels,
    ];

    const planned = [plan.deniedMetric, plan.exchangeMetric].filter((m): m is PlannedMetric => !!m);
    if (!planned.length) return;
    const metrics = planned.map((m) => this.metric(m));
    useTimeProvider(this);
    const wait = new Sleep(this, 'new-metrics-queryable', {
      // A new metric is not queryable at once (lib/gcp/monitoring-api-rules.ts, user-metric-waited-for).
      createDuration: `${NEW_METRIC_SECONDS}s`,
      // Replaced (and waited for again) whenever a metric is replaced.
      triggers: Object.fromEntries(planned.map((m, i) => [m.address, metrics[i].id])),
      dependsOn: metrics,
    });
    wait.overrideLogicalId('new_metrics_queryable');
    for (const policy of plan.deniedPolicies) this.policy(policy, DENIED_CALL, wait);
    if (plan.exchangePolicy) this.policy(plan.exchangePolicy, FAILED_FEDERATION, wait);
  }

  /**
   * Checks that the identity is a member of a denied-call policy (or opted out): the plan derives
   * each account's e-mail from the names, and this holds it to the account actually made.
   */
  watch(_scope: Construct, ctx: IdentityContext, _identity: GcpWorkloadIdentity): void {
    if (ctx.workload.monitoring.optOut) return;
    const email = serviceAccountEmail(ctx.names.gcpAccountId, this.project);
    if (!this.members.has(email)) throw new Error(`${ctx.workload.name}: service account ${email} is in no denied-call alert policy`);
  }

  private channel(address: string, type: string, displayName: string, labels: Record<string, string>): string {
    const channel = new MonitoringNotificationChannel(this, address, { project: this.project, type, displayName: displayName.slice(0, 512), labels });
    channel.overrideLogicalId(address);
    return channel.name;
  }

  private metric(m: PlannedMetric): LoggingMetric {
    const metric = new LoggingMetric(this, `metric-${m.address}`, {
      project: this.project,
      name: m.name,
      filter: m.filter,
      description: `${m.name}, counted from audit logs`,
      metricDescriptor: {
        metricKind: 'DELTA',
        valueType: 'INT64',
        unit: '1',
        ...(m.byPrincipal && { labels: [{ key: PRINCIPAL_LABEL, valueType: 'STRING', description: 'the caller (service account e-mail)' }] }),
      },
      ...(m.byPrincipal && { labelExtractors: { [PRINCIPAL_LABEL]: 'EXTRACT(protoPayload.authenticationInfo.principalEmail)' } }),
    });
    metric.overrideLogicalId(m.address);
    return metric;
  }

  private policy(p: PlannedPolicy, event: AlertEvent, wait: Sleep): void {
    const schedule = alertSchedules(p.threshold).gcp;
    const t = p.threshold;
    // `$${...}` is Terraform's escape: Monitoring fills in the variable when it notifies.
    const who = p.members.length ? `$\${metric.label.${PRINCIPAL_LABEL}} (on $\${resource.type})` : 'the project';
    new MonitoringAlertPolicy(this, `policy-${p.address}`, {
      project: this.project,
      displayName: p.displayName,
      combiner: 'OR',
      severity: 'WARNING',
      conditions: p.conditions.map((c) => ({
        displayName: c.displayName,
        conditionThreshold: {
          filter: c.filter,
          comparison: schedule.comparison,
          thresholdValue: schedule.thresholdValue,
          duration: '0s',
          aggregations: [
            {
              alignmentPeriod: schedule.alignmentPeriod,
              perSeriesAligner: 'ALIGN_SUM',
              crossSeriesReducer: 'REDUCE_SUM',
              ...(c.groupByFields.length && { groupByFields: [...c.groupByFields] }),
            },
          ],
          trigger: { count: 1 },
        },
      })),
      notificationChannels: this.channels,
      alertStrategy: { autoClose: '1800s' },
      documentation: {
        mimeType: 'text/markdown',
        content: `${p.displayName}: at least ${t.threshold} ${event.event}${t.threshold === 1 ? '' : 's'} in ${t.windowMinutes} min by ${who}. ${event.meaning}`,
      },
      dependsOn: [wait],
    }).overrideLogicalId(p.address);
  }
}
