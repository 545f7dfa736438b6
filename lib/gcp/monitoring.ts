/**
 * Google Cloud monitoring of one environment: Data Access audit logs for the services its
 * workloads use (and the Security Token Service when they federate), one log-based metric of
 * permission-denied audit entries by the environment's service accounts with the account as
 * a label, notification channels for every notify address, one alert policy per identity on
 * its own series, and one on failed token exchanges in the project.
 */
import { Construct } from 'constructs';
import { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import type { ResourceKind } from '../access/vocabulary';
import { trustFor } from '../federation/trust';
import type { IdentityContext } from '../identity-context';
import { DENIED_CALL, FAILED_FEDERATION, addressSlugs, alertSchedules, alertText } from '../monitoring/neutral';
import type { AlertEvent, AlertThreshold } from '../monitoring/neutral';
import type { EnvironmentSpec } from '../spec/types';
import type { GcpWorkloadIdentity } from './identity';

/** The API whose audit logs record the calls on each kind of resource. */
export const AUDITED_SERVICE: Readonly<Record<ResourceKind, string>> = {
  bucket: 'storage.googleapis.com',
  secret: 'secretmanager.googleapis.com',
  queue: 'pubsub.googleapis.com',
  topic: 'pubsub.googleapis.com',
  key: 'cloudkms.googleapis.com',
};

/** Token exchanges (STS ExchangeToken) are ADMIN_READ Data Access entries of this service. */
export const TOKEN_SERVICE = 'sts.googleapis.com';

/** The metric label holding the caller's e-mail. */
export const PRINCIPAL_LABEL = 'principal';

/** Permission-denied audit entries (`status.code` 7, PERMISSION_DENIED) by the service accounts of a project. */
export function deniedCallsFilter(projectId: string): string {
  // Every service account of the project: each identity's alert policy selects its own by the
  // metric's principal label. Listing the accounts would outgrow the filter's limit in a large
  // estate, and tie the environment's metric to every shard's service accounts.
  return `logName:"cloudaudit.googleapis.com" AND protoPayload.status.code=7 AND protoPayload.authenticationInfo.principalEmail:"@${projectId}.iam.gserviceaccount.com"`;
}

/** Token exchanges that failed: the federated workload's token was refused. */
export const FAILED_EXCHANGE_FILTER =
  `logName:"cloudaudit.googleapis.com" AND protoPayload.serviceName="${TOKEN_SERVICE}" AND ` +
  `protoPayload.methodName:"ExchangeToken" AND protoPayload.status.code!=0`;

export interface GcpMonitoringProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
}

export class GcpMonitoring extends Construct {
  /** The channels every alert policy notifies. */
  readonly channels: string[];
  private readonly project: string;
  private readonly prefix: string;
  private deniedMetric?: LoggingMetric;

  constructor(scope: Construct, id: string, props: GcpMonitoringProps) {
    super(scope, id);
    const { app, env } = props;
    const gcp = env.gcp as NonNullable<EnvironmentSpec['gcp']>;
    const m = env.monitoring;
    this.project = gcp.projectId;
    this.prefix = `${app}-${env.name}`;

    const onGcp = env.workloads.filter((w) => w.clouds.includes('gcp'));
    const federated = onGcp.some((w) => trustFor(w.source, 'gcp', env).kind !== 'native');
    const services = new Set(onGcp.flatMap((w) => w.grants.filter((g) => g.resource.clouds.gcp).map((g) => AUDITED_SERVICE[g.resource.kind])));
    for (const service of [...services].sort()) {
      new ProjectIamAuditConfig(this, `audit-${service}`, {
        project: this.project,
        service,
        auditLogConfig: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      }).overrideLogicalId(`audit_${service.split('.')[0]}`);
    }

    const targets = [...m.notify.map((e) => ['email', 'email_address', e] as const), ...m.webhooks.map((u) => ['webhook_tokenauth', 'url', u] as const)];
    const slugs = addressSlugs(targets.map(([, , v]) => v));
    this.channels = [
      ...targets.map(([type, label, value], i) => {
        const channel = new MonitoringNotificationChannel(this, `notify-${slugs[i]}`, {
          project: this.project,
          type,
          displayName: `${this.prefix} identity alerts: ${value}`.slice(0, 512),
          labels: { [label]: value },
        });
        channel.overrideLogicalId(`notify_${slugs[i]}`);
        return channel.name;
      }),
      ...m.gcp.notificationChannels,
    ];

    if (federated) {
      new ProjectIamAuditConfig(this, `audit-${TOKEN_SERVICE}`, {
        project: this.project,
        service: TOKEN_SERVICE,
        auditLogConfig: [{ logType: 'ADMIN_READ' }],
      }).overrideLogicalId('audit_sts');
      const metric = this.metric('failed-exchanges', 'failed_token_exchanges', `${this.prefix}-failed-token-exchanges`, FAILED_EXCHANGE_FILTER, false);
      this.policy(this, 'failed-exchanges-alert', 'failed_token_exchanges', `${this.prefix}: failed token exchanges`, metric, undefined, m.deniedCalls, FAILED_FEDERATION, `workload identity pool of ${this.prefix}`);
    }
  }

  /** The alert policy on the identity's own denied calls; adds its account to the metric. */
  watch(scope: Construct, ctx: IdentityContext, identity: GcpWorkloadIdentity): void {
    const w = ctx.workload;
    if (w.monitoring.optOut) return;
    const email = identity.serviceAccount.email;
    this.deniedMetric ??= this.metric('denied-calls', 'denied_calls', `${this.prefix}-denied-calls`, deniedCallsFilter(this.project), true);
    this.policy(scope, 'gcp-denied-calls', `denied_${w.name}`, `${this.prefix}-${w.name}: denied calls`, this.deniedMetric, email, w.monitoring.deniedCalls, DENIED_CALL, `service account ${ctx.names.gcpAccountId}`, ctx);
  }

  private metric(id: string, address: string, name: string, filter: string, byPrincipal: boolean): LoggingMetric {
    const metric = new LoggingMetric(this, id, {
      project: this.project,
      name,
      filter,
      description: `${name}, counted from audit logs`,
      metricDescriptor: {
        metricKind: 'DELTA',
        valueType: 'INT64',
        unit: '1',
        ...(byPrincipal && { labels: [{ key: PRINCIPAL_LABEL, valueType: 'STRING', description: 'the caller (service account e-mail)' }] }),
      },
      ...(byPrincipal && { labelExtractors: { [PRINCIPAL_LABEL]: 'EXTRACT(protoPayload.authenticationInfo.principalEmail)' } }),
    });
    metric.overrideLogicalId(address);
    return metric;
  }

  private policy(
    scope: Construct,
    id: string,
    address: string,
    displayName: string,
    metric: LoggingMetric,
    principal: string | undefined,
    t: AlertThreshold,
    event: AlertEvent,
    subject: string,
    ctx?: IdentityContext,
  ): void {
    const schedule = alertSchedules(t).gcp;
    const series = `metric.type="logging.googleapis.com/user/${metric.name}"${principal ? ` AND metric.label.${PRINCIPAL_LABEL}="${principal}"` : ''}`;
    new MonitoringAlertPolicy(scope, id, {
      project: this.project,
      displayName,
      combiner: 'OR',
      severity: 'WARNING',
      conditions: [
        {
          displayName: `${event.event}s`,
          conditionThreshold: {
            filter: series,
            comparison: schedule.comparison,
            thresholdValue: schedule.thresholdValue,
            duration: '0s',
            aggregations: [{ alignmentPeriod: schedule.alignmentPeriod, perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_SUM' }],
            trigger: { count: 1 },
          },
        },
      ],
      notificationChannels: this.channels,
      alertStrategy: { autoClose: '1800s' },
      documentation: {
        mimeType: 'text/markdown',
        content: ctx ? alertText(ctx.app, ctx.env.name, ctx.workload.name, subject, t, event) : `${displayName} (${subject}). ${event.meaning}`,
      },
    }).overrideLogicalId(address);
  }
}
