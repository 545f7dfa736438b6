/**
 * Data Access audit logs per (GCP project, service). `google_project_iam_audit_config` is
 * authoritative for its service in the project, so exactly one stack may manage it: the first
 * environment in config order that needs it owns it, with the log types of every environment
 * of that project merged in (the mechanism of the AWS OIDC providers, lib/constructs/shared-ownership.ts).
 * Destroying another environment's stack leaves it in place.
 */
import { planOwnership } from '../constructs/shared-ownership';
import type { ObjectNeed, OwnedObject } from '../constructs/shared-ownership';
import type { Spec } from '../spec/types';
import { AUDITED_SERVICES } from './audited-resources';
import type { AuditedService, AuditedServiceRow } from './audited-resources';
import { planGcpMonitoring } from './monitoring-plan';

/** The audit config of one service in one project. */
export interface AuditConfigNeed {
  readonly projectId: string;
  readonly service: AuditedService;
  readonly logTypes: AuditedServiceRow['logTypes'];
}

/** Key of a project's audit config of a service. */
export const auditConfigKey = (projectId: string, service: AuditedService) => `${projectId} ${service}`;

/** Plans the owner of every (project, service) audit config of the spec. */
export function planGcpAuditConfigs(spec: Spec): ReadonlyMap<string, OwnedObject<AuditConfigNeed>> {
  const needs: ObjectNeed<AuditConfigNeed>[] = [];
  for (const env of spec.environments) {
    if (!env.gcp) continue;
    for (const service of planGcpMonitoring(spec.app, env).services) {
      needs.push({ key: auditConfigKey(env.gcp.projectId, service), env: env.name, value: { projectId: env.gcp.projectId, service, logTypes: AUDITED_SERVICES[service].logTypes } });
    }
  }
  return planOwnership(needs, (into, next) => ({ ...into, logTypes: [...new Set([...into.logTypes, ...next.logTypes])].sort() as AuditConfigNeed['logTypes'] }));
}
