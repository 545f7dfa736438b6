/**
 * Monitoring checks the schema cannot express: an opt-out must say why, per-cloud monitoring
 * options need that cloud in the environment, and reused diagnostic settings need the workspace
 * they send to.
 */
import { CLOUDS } from '../access/vocabulary';
import { OPT_OUT_REASON_MIN_LENGTH } from '../monitoring/neutral';
import type { Problems } from '../spec/config-error';
import { shown } from '../spec/echo';
import { visibleLength } from '../spec/reason';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Appends the monitoring problems of a raw config to `problems`. */
export function validateMonitoring(raw: Record<string, unknown>, problems: Problems): void {
  for (const [name, env] of Object.entries(isObject(raw.environments) ? raw.environments : {})) {
    if (!isObject(env) || !isObject(env.monitoring)) continue;
    for (const cloud of CLOUDS) {
      if (isObject(env.monitoring[cloud]) && !isObject(env[cloud])) {
        problems.add(['environments', name, 'monitoring', cloud], `sets ${cloud} monitoring options, but the environment configures no ${cloud}`);
      }
    }
    const azure = env.monitoring.azure;
    if (isObject(azure) && azure.reuseDiagnosticSettings === true && azure.workspaceId === undefined) {
      problems.add(
        ['environments', name, 'monitoring', 'azure', 'reuseDiagnosticSettings'],
        'reuses diagnostic settings of an existing workspace, but names none: set workspaceId to the workspace they send to',
      );
    }
  }
  for (const [name, workload] of Object.entries(isObject(raw.workloads) ? raw.workloads : {})) {
    if (!isObject(workload) || !isObject(workload.monitoring)) continue;
    const reason = workload.monitoring.optOut;
    if (typeof reason === 'string' && visibleLength(reason) < OPT_OUT_REASON_MIN_LENGTH) {
      problems.add(
        ['workloads', name, 'monitoring', 'optOut'],
        `${shown(reason)} is too short: an opt-out must say why in at least ${OPT_OUT_REASON_MIN_LENGTH} visible characters`,
      );
    }
  }
}
