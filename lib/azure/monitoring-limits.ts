/**
 * Azure Monitor limits that the synthesized monitoring of a whole spec would exceed, refused at
 * load with the config path (no provider checks them: azurerm 4.55 validates only the attribute
 * formats). Each limit cites its source; an estate over one must split its subscriptions or
 * workspaces, opt workloads out, or leave azure out of their clouds.
 */
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import type { EnvironmentSpec, Spec, WorkloadSpec } from '../spec/types';

/** The Azure Monitor limits checked here. */
export type AzureMonitoringLimit = 'logAlertRulesPerSubscription' | 'logAlertRulesPerResource' | 'emailReceiversPerActionGroup' | 'webhookReceiversPerActionGroup' | 'emailAddressLength';

const SERVICE_LIMITS = 'https://learn.microsoft.com/azure/azure-monitor/fundamentals/service-limits';

/** Each limit and its source (MicrosoftDocs/azure-monitor-docs, articles/azure-monitor/alerts/includes/azure-monitor-limits-*.md). */
export const AZURE_MONITORING_LIMITS: Readonly<Record<AzureMonitoringLimit, { readonly max: number; readonly source: string }>> = {
  // "Log alerts: 5,000 active alert rules per subscription. Out of which, 100 active alert rules with a 1-minute frequency."
  logAlertRulesPerSubscription: { max: 5000, source: `${SERVICE_LIMITS}#alerts` },
  // "1,000 active alert rules per resource": every denied-calls rule is scoped to the environment's workspace.
  logAlertRulesPerResource: { max: 1000, source: `${SERVICE_LIMITS}#alerts` },
  // "Email: 1,000 email actions in an action group."
  emailReceiversPerActionGroup: { max: 1000, source: `${SERVICE_LIMITS}#action-groups` },
  // "Webhook: 10 webhook actions in an action group."
  webhookReceiversPerActionGroup: { max: 10, source: `${SERVICE_LIMITS}#action-groups` },
  // "The character limit in an e-mail address is 64."
  emailAddressLength: { max: 64, source: `${SERVICE_LIMITS}#action-groups` },
};

/**
 * Azure does not run a log search alert query containing `union` at a one-minute frequency ("The
 * query contains the search, union, or take (limit) operation",
 * https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule#frequency),
 * and the denied-calls query is a union over the tables calls land in.
 */
export const AZURE_ONE_MINUTE_REASON =
  "Azure cannot evaluate a 1-minute window: the denied-calls query is a union over the tables an identity's calls land in, and Azure does not run a union at a 1-minute frequency " +
  '(https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule#frequency); use 5 or more, or leave azure out of the workload’s clouds';

const watchedOnAzure = (w: WorkloadSpec) => w.clouds.includes('azure') && !w.monitoring.optOut;
const n = (x: number) => x.toLocaleString('en-US');

/** Problems with Azure Monitor limits of a normalized spec. */
export function azureMonitoringProblems(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: ConfigPath, message: string) => problems.push({ path, message });
  const azureEnvs = spec.environments.filter((e) => e.azure);
  const rules = (e: EnvironmentSpec) => e.workloads.filter(watchedOnAzure).length;

  for (const env of azureEnvs) {
    const m = env.monitoring;
    const seen = new Set<string>();
    for (const w of env.workloads.filter(watchedOnAzure)) {
      if (w.monitoring.deniedCalls.windowMinutes !== 1) continue;
      const own = m.deniedCalls.windowMinutes !== 1;
      const path = own ? ['workloads', w.name, 'monitoring', 'deniedCalls', 'windowMinutes'] : ['environments', env.name, 'monitoring', 'deniedCalls', 'windowMinutes'];
      if (seen.has(path.join('.'))) continue;
      seen.add(path.join('.'));
      add(path, `${own ? `workload ${w.name}` : `environment ${env.name}`}: ${AZURE_ONE_MINUTE_REASON}`);
    }
    const limit = AZURE_MONITORING_LIMITS;
    if (m.notify.length > limit.emailReceiversPerActionGroup.max)
      add(['environments', env.name, 'monitoring', 'notify'], `${n(m.notify.length)} addresses: an Azure action group holds at most ${n(limit.emailReceiversPerActionGroup.max)} e-mail receivers (${limit.emailReceiversPerActionGroup.source})`);
    m.notify.forEach((address, i) => {
      if (address.length > limit.emailAddressLength.max)
        add(['environments', env.name, 'monitoring', 'notify', i], `${JSON.stringify(address.slice(0, 40))}… is ${address.length} characters: an Azure action group takes e-mail addresses of at most ${limit.emailAddressLength.max} (${limit.emailAddressLength.source})`);
    });
    if (m.webhooks.length > limit.webhookReceiversPerActionGroup.max)
      add(['environments', env.name, 'monitoring', 'webhooks'], `${m.webhooks.length} webhooks: an Azure action group holds at most ${limit.webhookReceiversPerActionGroup.max} webhook receivers (${limit.webhookReceiversPerActionGroup.source}); send them to one endpoint that fans out`);
  }

  const group = (key: (e: EnvironmentSpec) => string) => {
    const out = new Map<string, EnvironmentSpec[]>();
    for (const e of azureEnvs) out.set(key(e), [...(out.get(key(e)) ?? []), e]);
    return out;
  };
  const over = (envs: EnvironmentSpec[], which: AzureMonitoringLimit, path: ConfigPath, what: string) => {
    const total = envs.reduce((sum, e) => sum + rules(e), 0);
    const { max, source } = AZURE_MONITORING_LIMITS[which];
    if (total > max)
      add(path, `${n(total)} Azure identities with denied-call alerts in ${what} (${envs.map((e) => e.name).join(', ')}): Azure allows at most ${n(max)} log search alert rules there (${source}); split the identities over more ${which === 'logAlertRulesPerResource' ? 'workspaces' : 'subscriptions'}, or opt some out`);
  };
  for (const [subscription, envs] of group((e) => (e.azure?.subscriptionId ?? '').toLowerCase()))
    over(envs, 'logAlertRulesPerSubscription', ['environments', envs[0].name, 'azure', 'subscriptionId'], `subscription ${subscription}`);
  for (const [workspace, envs] of group((e) => (e.monitoring.azure.workspaceId ?? `new workspace of ${e.name}`).toLowerCase()))
    over(envs, 'logAlertRulesPerResource', envs[0].monitoring.azure.workspaceId ? ['environments', envs[0].name, 'monitoring', 'azure', 'workspaceId'] : ['environments', envs[0].name], `one workspace (${workspace})`);
  return problems;
}
