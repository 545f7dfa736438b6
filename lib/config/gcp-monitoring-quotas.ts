/**
 * Google Cloud monitoring quotas a config would reach, counted from the monitoring plan of every
 * environment (lib/gcp/monitoring-plan.ts) and reported as config problems before anything is
 * synthesized. Per-project quotas are summed over the environments that share the project.
 * The limits and their sources are the rows of lib/gcp/monitoring-api-rules.ts.
 */
import { ALERT_POLICIES_PER_PROJECT, CHANNELS_PER_POLICY, GCP_MONITORING_API_RULES, LOG_METRICS_PER_PROJECT } from '../gcp/monitoring-api-rules';
import { planGcpMonitoring } from '../gcp/monitoring-plan';
import type { ConfigProblem } from '../spec/config-error';
import { listed } from '../spec/echo';
import type { Spec } from '../spec/types';

/** Problems with the GCP monitoring quotas of the spec. */
export function checkGcpMonitoringQuotas(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byProject = new Map<string, { envs: string[]; policies: number; metrics: number }>();
  for (const env of spec.environments) {
    if (!env.gcp) continue;
    const plan = planGcpMonitoring(spec.app, env);
    const policies = plan.deniedPolicies.length + (plan.exchangePolicy ? 1 : 0);
    const channels = env.monitoring.notify.length + env.monitoring.webhooks.length + env.monitoring.gcp.notificationChannels.length;
    if (policies && channels > CHANNELS_PER_POLICY) {
      problems.push({
        path: ['environments', env.name, 'monitoring'],
        message: `notify, webhooks and gcp.notificationChannels name ${channels} channels; a Google Cloud alert policy takes at most ${CHANNELS_PER_POLICY} (${GCP_MONITORING_API_RULES['channels-per-policy'].source})`,
      });
    }
    const p = byProject.get(env.gcp.projectId) ?? { envs: [], policies: 0, metrics: 0 };
    p.envs.push(env.name);
    p.policies += policies;
    p.metrics += [plan.deniedMetric, plan.exchangeMetric].filter(Boolean).length;
    byProject.set(env.gcp.projectId, p);
  }
  for (const [projectId, p] of byProject) {
    const where = p.envs.length === 1 ? `environment ${p.envs[0]}` : `environments ${listed(p.envs)}`;
    if (p.policies > ALERT_POLICIES_PER_PROJECT) {
      problems.push({
        path: ['environments', p.envs[0], 'gcp', 'projectId'],
        message:
          `project ${projectId} (${where}) would get ${p.policies} alert policies; Google Cloud allows ${ALERT_POLICIES_PER_PROJECT} per project ` +
          `(${GCP_MONITORING_API_RULES['alert-policies-per-project'].source}): use fewer distinct deniedCalls overrides, or more projects`,
      });
    }
    if (p.metrics > LOG_METRICS_PER_PROJECT) {
      problems.push({
        path: ['environments', p.envs[0], 'gcp', 'projectId'],
        message: `project ${projectId} (${where}) would get ${p.metrics} log-based metrics; Google Cloud allows ${LOG_METRICS_PER_PROJECT} per project (${GCP_MONITORING_API_RULES['log-metrics-per-project'].source})`,
      });
    }
  }
  return problems;
}
