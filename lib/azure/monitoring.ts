/**
 * Azure monitoring of one environment: a Log Analytics workspace (made, or an existing one),
 * the subscription's Activity Log and the audit logs of the storage accounts, key vaults and
 * Service Bus namespaces its workloads are granted routed to it (or settings managed elsewhere
 * reused), an action group with every notify address, and per identity one scheduled query rule
 * over the workspace totalling its failed or forbidden calls (see `denied-calls-query.ts`).
 */
import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import type { IdentityContext } from '../constructs/identity-context';
import { kindOf } from '../kinds';
import type { AzureAuditedResource } from '../kinds/kind';
import { addressSlugs, alertSchedules, alertText } from '../monitoring/neutral';
import { webhookSlug, webhookUrl } from '../constructs/webhook-url';
import { DENIED_CALLS_COLUMN, deniedCallsQuery } from './denied-calls-query';
import { environmentNames } from '../spec/names';
import type { AzureEnvironment, CloudResourceFields, EnvironmentSpec } from '../spec/types';
import type { AzureWorkloadIdentity } from './identity';

/** Subscription Activity Log categories routed to the workspace. */
export const ACTIVITY_LOG_CATEGORIES = ['Administrative', 'Security', 'Policy'] as const;

export interface AzureMonitoringProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
}

export class AzureMonitoring extends Construct {
  readonly workspaceId: string;
  /** The action groups every alert triggers. */
  readonly actionGroups: string[];

  constructor(scope: Construct, id: string, props: AzureMonitoringProps) {
    super(scope, id);
    const { app, env } = props;
    const azure = env.azure as AzureEnvironment;
    const m = env.monitoring;
    const names = environmentNames(app, env.name);

    if (m.azure.workspaceId) {
      this.workspaceId = m.azure.workspaceId;
    } else {
      const workspace = new LogAnalyticsWorkspace(this, 'workspace', {
        name: names.azureWorkspace,
        resourceGroupName: azure.resourceGroup,
        location: azure.location,
        sku: 'PerGB2018',
        retentionInDays: m.retentionDays,
        tags: { app, environment: env.name },
      });
      workspace.overrideLogicalId('audit');
      this.workspaceId = workspace.id;
    }

    // A resource may send a category to a workspace through one diagnostic setting only: a second one fails with
    // 409 Conflict ("Data sinks can't be reused in different settings on the same category for the same resource";
    // https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings). Settings managed elsewhere are reused.
    if (!m.azure.reuseDiagnosticSettings) this.routeAuditLogs(env, names.azureDiagnosticSetting);

    const emailSlugs = addressSlugs(m.notify);
    const group = new MonitorActionGroup(this, 'action-group', {
      name: names.azureActionGroup,
      resourceGroupName: azure.resourceGroup,
      shortName: names.azureActionGroupShortName,
      emailReceiver: m.notify.map((emailAddress, i) => ({ name: emailSlugs[i], emailAddress, useCommonAlertSchema: true })),
      webhookReceiver: m.webhooks.map((url, i) => ({ name: webhookSlug(url), serviceUri: webhookUrl(this, 'azure', `${app}-${env.name}`, url, i), useCommonAlertSchema: true })),
      tags: { app, environment: env.name },
    });
    group.overrideLogicalId('identity_alerts');
    this.actionGroups = [group.id, ...(m.azure.actionGroupId ? [m.azure.actionGroupId] : [])];
  }

  /** The subscription's Activity Log and the audit logs of every granted resource, routed to the workspace. */
  private routeAuditLogs(env: EnvironmentSpec, settingName: string): void {
    const azure = env.azure as AzureEnvironment;
    new MonitorDiagnosticSetting(this, 'activity-log', {
      name: settingName,
      targetResourceId: `/subscriptions/${azure.subscriptionId}`,
      logAnalyticsWorkspaceId: this.workspaceId,
      enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
    }).overrideLogicalId('audit_activity_log');

    const audited = new Map<string, { kind: AzureAuditedResource; fields: CloudResourceFields }>();
    for (const w of env.workloads) {
      if (!w.clouds.includes('azure')) continue;
      for (const { resource } of w.grants) {
        const fields = resource.clouds.azure;
        if (!fields) continue;
        const kind = kindOf(resource.kind).azure.audit;
        audited.set(`${kind.kind}_${kind.name(fields)}`, { kind, fields });
      }
    }
    for (const [address, { kind, fields }] of [...audited].sort(([a], [b]) => a.localeCompare(b))) {
      new MonitorDiagnosticSetting(this, address, {
        name: settingName,
        targetResourceId: kind.id(fields, azure),
        logAnalyticsWorkspaceId: this.workspaceId,
        ...(kind.destinationType && { logAnalyticsDestinationType: kind.destinationType }),
        enabledLog: [...kind.logs],
      }).overrideLogicalId(`audit_${address}`);
    }
  }

  /** The scheduled query rule on the identity's failed or forbidden calls. */
  watch(scope: Construct, ctx: IdentityContext, identity: AzureWorkloadIdentity): void {
    const w = ctx.workload;
    if (w.monitoring.optOut) return;
    const azure = ctx.env.azure as AzureEnvironment;
    const schedule = alertSchedules(w.monitoring.deniedCalls).azure;
    new MonitorScheduledQueryRulesAlertV2(scope, 'azure-denied-calls', {
      name: `${ctx.names.azureIdentity}-denied-calls`,
      displayName: `${ctx.names.azureIdentity}: denied calls`,
      description: alertText(ctx.app, ctx.env.name, w.name, `managed identity ${ctx.names.azureIdentity}`, w.monitoring.deniedCalls),
      resourceGroupName: azure.resourceGroup,
      location: azure.location,
      scopes: [this.workspaceId],
      severity: 2,
      windowDuration: schedule.windowDuration,
      evaluationFrequency: schedule.evaluationFrequency,
      criteria: [
        {
          query: deniedCallsQuery({ principalId: identity.identity.principalId, clientId: identity.identity.clientId }),
          // A Service Bus row aggregates a minute of calls: the rule totals DeniedCalls instead of counting rows.
          timeAggregationMethod: 'Total',
          metricMeasureColumn: DENIED_CALLS_COLUMN,
          operator: schedule.operator,
          threshold: schedule.threshold,
          failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
        },
      ],
      action: { actionGroups: this.actionGroups },
      autoMitigationEnabled: true,
      tags: { ...ctx.tags },
    }).overrideLogicalId(`denied_${w.name}`);
  }
}
