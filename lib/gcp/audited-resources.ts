/**
 * The Google APIs whose audit logs the monitoring reads, and the monitored resource type their
 * audit entries carry. A user-defined log-based metric is written against the monitored resource
 * of each matching log entry (https://cloud.google.com/logging/docs/logs-based-metrics), and a
 * threshold condition on it must name `resource.type` (the Monitoring API refuses it otherwise:
 * hashicorp/terraform-provider-google issues #4165, #7179). So every alert condition names one
 * type of this table, and the metric counts only entries of these types: what is counted is
 * exactly what can alert.
 *
 * No Google page lists the resource type per service in one place; each row cites where the
 * type is shown. Rows marked `observed` rest on public queries against real audit logs, not on
 * a Google reference page: the README says so. GOOGLE_SKILLS is Google's own query reference
 * (google/skills, skills/cloud/cloud-logging-query-generation/references, commit 1af7775).
 */
import { KIND_NAMES, kindOf } from '../kinds';
import type { GcpAuditedService } from '../kinds/kind';

/** An API whose audit logs the monitoring reads: a kind's (`lib/kinds`), or one of the identity APIs below. */
export type AuditedService = string;

/** A monitored resource type the audit entries of those APIs carry. */
export type AuditedResourceType = string;

/** One service's audit entries: their resource types, the Data Access log types we enable, and where the types are shown. */
export type AuditedServiceRow = Omit<GcpAuditedService, 'service'>;

const GOOGLE_SKILLS = 'google/skills skills/cloud/cloud-logging-query-generation/references';

/**
 * Resource types watched whatever the environment grants: IAM calls on service accounts and on
 * the project itself (role bindings, listing accounts), and the generic type of many services'
 * entries. A workload misusing its credentials is refused there first.
 */
export const ALWAYS_WATCHED: Readonly<Record<'service_account' | 'project' | 'audited_resource', string>> = {
  service_account: `${GOOGLE_SKILLS}/query_iam.md:37-39, 75 (service accounts and their keys)`,
  project: `${GOOGLE_SKILLS}/query_iam.md:34-36, 96 (IAM bindings at the project)`,
  audited_resource: `${GOOGLE_SKILLS}/query_audit_logs.md:157-161, ../SKILL.md:122-123 (generic service entries)`,
};

/** The identity APIs, audited whatever the environment grants. */
const IDENTITY_SERVICES: readonly GcpAuditedService[] = [
  // GenerateAccessToken / GenerateIdToken on a service account: a federated token the pool admits
  // whose principal lacks roles/iam.workloadIdentityUser on the account is refused here.
  {
    service: 'iamcredentials.googleapis.com',
    resourceTypes: ['service_account'],
    logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
    source: `https://cloud.google.com/iam/docs/audit-logging (service); ${GOOGLE_SKILLS}/query_iam.md:37-39 (service_account); GenerateAccessToken on it observed in public queries`,
    evidence: 'observed',
  },
  // ExchangeToken is an ADMIN_READ Data Access entry: https://cloud.google.com/iam/docs/audit-logging/audit-logging-sts
  {
    service: 'sts.googleapis.com',
    resourceTypes: ['audited_resource'],
    logTypes: ['ADMIN_READ'],
    source: 'https://cloud.google.com/iam/docs/audit-logging/audit-logging-sts (service, log type); type observed in public queries',
    evidence: 'observed',
  },
];

/** Every audited service: the kinds' in table order, then the identity APIs. */
export const AUDITED_SERVICES: Readonly<Record<AuditedService, AuditedServiceRow>> = Object.fromEntries(
  [...KIND_NAMES.map((k) => kindOf(k).gcp.audit), ...IDENTITY_SERVICES].map(({ service, ...row }) => [service, row]),
);

/** The resource types of a set of services, each once, in table order. */
export function resourceTypesOf(services: Iterable<AuditedService>): AuditedResourceType[] {
  const wanted = new Set(services);
  const types = (Object.keys(AUDITED_SERVICES) as AuditedService[]).filter((s) => wanted.has(s)).flatMap((s) => AUDITED_SERVICES[s].resourceTypes);
  return [...new Set(types)];
}
