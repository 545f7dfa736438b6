/**
 * Azure monitoring of one environment: a Log Analytics workspace (made, or an existing one),
 * the subscription's Activity Log and the audit logs of the storage accounts, key vaults and
 * Service Bus namespaces its workloads are granted routed to it, an action group with every
 * notify address, and per identity one scheduled query rule over the workspace for failed or
 * forbidden calls (and failed sign-ins, where the tenant routes them) by its principal id.
 */
import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { MonitorDiagnosticSettingEnabledLog } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import type { ResourceKind } from '../access/vocabulary';
import type { IdentityContext } from '../identity-context';
import { addressSlugs, alertSchedules, alertText } from '../monitoring/neutral';
import { fitName } from '../spec/names';
import type { AzureEnvironment, CloudResourceFields, EnvironmentSpec } from '../spec/types';
import type { AzureWorkloadIdentity } from './identity';
import { resourceGroupId } from './scopes';

/** The resource whose audit logs record calls on each kind, and which of its logs to route. */
interface AuditedResource {
  readonly kind: string;
  readonly id: (fields: CloudResourceFields, azure: AzureEnvironment) => string;
  readonly name: (fields: CloudResourceFields) => string;
  readonly logs: MonitorDiagnosticSettingEnabledLog[];
}

const STORAGE: AuditedResource = {
  kind: 'storage',
  id: (f, a) => `${resourceGroupId(f, a)}/providers/Microsoft.Storage/storageAccounts/${f.storageAccount}/blobServices/default`,
  name: (f) => f.storageAccount,
  logs: ['StorageRead', 'StorageWrite', 'StorageDelete'].map((category) => ({ category })),
};
const KEY_VAULT: AuditedResource = {
  kind: 'keyvault',
  id: (f, a) => `${resourceGroupId(f, a)}/providers/Microsoft.KeyVault/vaults/${f.vault}`,
  name: (f) => f.vault,
  logs: [{ category: 'AuditEvent' }],
};
const SERVICE_BUS: AuditedResource = {
  kind: 'servicebus',
  id: (f, a) => `${resourceGroupId(f, a)}/providers/Microsoft.ServiceBus/namespaces/${f.namespace}`,
  name: (f) => f.namespace,
  // Data-plane audit (RuntimeAuditLogs) exists on Premium namespaces only; allLogs takes what the tier has.
  logs: [{ categoryGroup: 'allLogs' }],
};

/** Per kind, the Azure resource whose diagnostic settings audit it. */
export const AUDITED_RESOURCE: Readonly<Record<ResourceKind, AuditedResource>> = {
  bucket: STORAGE,
  secret: KEY_VAULT,
  key: KEY_VAULT,
  queue: SERVICE_BUS,
  topic: SERVICE_BUS,
};

/** Subscription Activity Log categories routed to the workspace. */
export const ACTIVITY_LOG_CATEGORIES = ['Administrative', 'Security', 'Policy'] as const;

/** One branch of the denied-calls query: a table and the conjunction of its conditions. */
interface QueryBranch {
  readonly table: string;
  readonly where: readonly string[];
}

const kqlString = (s: string) => JSON.stringify(s);
const kqlList = (values: readonly (string | number)[]) => `(${values.map((v) => (typeof v === 'number' ? String(v) : kqlString(v))).join(', ')})`;

/**
 * Failed or forbidden calls by one identity, across every table its calls land in. Missing
 * tables are skipped (`isfuzzy`): the sign-in logs exist only when the tenant routes them.
 */
export function deniedCallsQuery(principalId: string, clientId: string): string {
  const branches: QueryBranch[] = [
    { table: 'AzureActivity', where: [`Caller in~ ${kqlList([principalId, clientId])}`, `ActivityStatusValue in~ ${kqlList(['Failure', 'Failed'])}`] },
    { table: 'StorageBlobLogs', where: [`RequesterObjectId =~ ${kqlString(principalId)}`, `StatusCode in ${kqlList([401, 403])}`] },
    {
      table: 'AzureDiagnostics',
      where: [`ResourceProvider == "MICROSOFT.KEYVAULT"`, `identity_claim_oid_g =~ ${kqlString(principalId)}`, `httpStatusCode_d in ${kqlList([401, 403])}`],
    },
    { table: 'AADManagedIdentitySignInLogs', where: [`ServicePrincipalId =~ ${kqlString(principalId)}`, `ResultType != "0"`] },
  ];
  return `union isfuzzy=true\n${branches.map((b) => `  (${b.table} | where ${b.where.join(' and ')})`).join(',\n')}`;
}

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
    const prefix = `${app}-${env.name}`;

    if (m.azure.workspaceId) {
      this.workspaceId = m.azure.workspaceId;
    } else {
      const workspace = new LogAnalyticsWorkspace(this, 'workspace', {
        name: fitName(['log', prefix, 'identity'], 63),
        resourceGroupName: azure.resourceGroup,
        location: azure.location,
        sku: 'PerGB2018',
        retentionInDays: m.retentionDays,
        tags: { app, environment: env.name },
      });
      workspace.overrideLogicalId('audit');
      this.workspaceId = workspace.id;
    }

    new MonitorDiagnosticSetting(this, 'activity-log', {
      name: `${prefix}-identity-audit`,
      targetResourceId: `/subscriptions/${azure.subscriptionId}`,
      logAnalyticsWorkspaceId: this.workspaceId,
      enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
    }).overrideLogicalId('audit_activity_log');

    const audited = new Map<string, { kind: AuditedResource; fields: CloudResourceFields }>();
    for (const w of env.workloads) {
      if (!w.clouds.includes('azure')) continue;
      for (const { resource } of w.grants) {
        const fields = resource.clouds.azure;
        if (!fields) continue;
        const kind = AUDITED_RESOURCE[resource.kind];
        audited.set(`${kind.kind}_${kind.name(fields)}`, { kind, fields });
      }
    }
    for (const [address, { kind, fields }] of [...audited].sort(([a], [b]) => a.localeCompare(b))) {
      new MonitorDiagnosticSetting(this, address, {
        name: `${prefix}-identity-audit`,
        targetResourceId: kind.id(fields, azure),
        logAnalyticsWorkspaceId: this.workspaceId,
        logAnalyticsDestinationType: kind === STORAGE ? 'Dedicated' : 'AzureDiagnostics',
        enabledLog: kind.logs,
      }).overrideLogicalId(`audit_${address}`);
    }

    const slugs = addressSlugs([...m.notify, ...m.webhooks]);
    const group = new MonitorActionGroup(this, 'action-group', {
      name: `ag-${prefix}-identity-alerts`,
      resourceGroupName: azure.resourceGroup,
      shortName: fitName([app, env.name], 12),
      emailReceiver: m.notify.map((emailAddress, i) => ({ name: slugs[i], emailAddress, useCommonAlertSchema: true })),
      webhookReceiver: m.webhooks.map((serviceUri, i) => ({ name: slugs[m.notify.length + i], serviceUri, useCommonAlertSchema: true })),
      tags: { app, environment: env.name },
    });
    group.overrideLogicalId('identity_alerts');
    this.actionGroups = [group.id, ...(m.azure.actionGroupId ? [m.azure.actionGroupId] : [])];
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
          query: deniedCallsQuery(identity.identity.principalId, identity.identity.clientId),
          timeAggregationMethod: 'Count',
          operator: schedule.operator,
          threshold: schedule.threshold,
          failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
        },
      ],
      action: { actionGroups: this.actionGroups },
      autoMitigationEnabled: true,
      // The tables appear with their first log line; the rule must exist before that.
      skipQueryValidation: true,
      tags: { ...ctx.tags },
    }).overrideLogicalId(`denied_${w.name}`);
  }
}
