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
import type { ResourceKind } from '../access/vocabulary';

/** The APIs whose audit logs the monitoring reads. */
export type AuditedService =
  | 'storage.googleapis.com'
  | 'secretmanager.googleapis.com'
  | 'pubsub.googleapis.com'
  | 'cloudkms.googleapis.com'
  | 'iamcredentials.googleapis.com'
  | 'sts.googleapis.com';

/** The monitored resource types the audit entries of those APIs carry. */
export type AuditedResourceType = 'gcs_bucket' | 'audited_resource' | 'pubsub_topic' | 'pubsub_subscription' | 'cloudkms_cryptokey' | 'service_account' | 'project';

/** One service's audit entries: their resource types, the Data Access log types we enable, and where the types are shown. */
export interface AuditedServiceRow {
  readonly resourceTypes: readonly AuditedResourceType[];
  /** Data Access log types enabled (Admin Activity is always on). */
  readonly logTypes: readonly ('ADMIN_READ' | 'DATA_READ' | 'DATA_WRITE')[];
  readonly source: string;
  /** `documented`: a Google page shows the type; `observed`: public queries of real audit logs do. */
  readonly evidence: 'documented' | 'observed';
}

const DATA_ACCESS = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;
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

export const AUDITED_SERVICES: Readonly<Record<AuditedService, AuditedServiceRow>> = {
  'storage.googleapis.com': {
    resourceTypes: ['gcs_bucket'],
    logTypes: DATA_ACCESS,
    source: `${GOOGLE_SKILLS}/query_cloud_storage.md ("All GCS logs are bound to the bucket resource type")`,
    evidence: 'documented',
  },
  'secretmanager.googleapis.com': {
    resourceTypes: ['audited_resource'],
    logTypes: DATA_ACCESS,
    source: 'https://cloud.google.com/secret-manager/docs/audit-logging (service name only); type observed in public gcloud logging queries',
    evidence: 'observed',
  },
  'pubsub.googleapis.com': {
    resourceTypes: ['pubsub_topic', 'pubsub_subscription'],
    logTypes: DATA_ACCESS,
    source: 'https://cloud.google.com/pubsub/docs/audit-logging (service); types observed in public gcloud logging queries and log sinks',
    evidence: 'observed',
  },
  'cloudkms.googleapis.com': {
    resourceTypes: ['cloudkms_cryptokey'],
    logTypes: DATA_ACCESS,
    source: 'https://cloud.google.com/kms/docs/audit-logging (service); type observed in public queries of Encrypt/Decrypt entries',
    evidence: 'observed',
  },
  // GenerateAccessToken / GenerateIdToken on a service account: a federated token the pool admits
  // whose principal lacks roles/iam.workloadIdentityUser on the account is refused here.
  'iamcredentials.googleapis.com': {
    resourceTypes: ['service_account'],
    logTypes: DATA_ACCESS,
    source: `https://cloud.google.com/iam/docs/audit-logging (service); ${GOOGLE_SKILLS}/query_iam.md:37-39 (service_account); GenerateAccessToken on it observed in public queries`,
    evidence: 'observed',
  },
  // ExchangeToken is an ADMIN_READ Data Access entry: https://cloud.google.com/iam/docs/audit-logging/audit-logging-sts
  'sts.googleapis.com': {
    resourceTypes: ['audited_resource'],
    logTypes: ['ADMIN_READ'],
    source: 'https://cloud.google.com/iam/docs/audit-logging/audit-logging-sts (service, log type); type observed in public queries',
    evidence: 'observed',
  },
};

/** The API whose audit logs record the calls on each kind of resource. */
export const AUDITED_SERVICE: Readonly<Record<ResourceKind, AuditedService>> = {
  bucket: 'storage.googleapis.com',
  secret: 'secretmanager.googleapis.com',
  queue: 'pubsub.googleapis.com',
  topic: 'pubsub.googleapis.com',
  key: 'cloudkms.googleapis.com',
};

/** The resource types of a set of services, each once, in table order. */
export function resourceTypesOf(services: Iterable<AuditedService>): AuditedResourceType[] {
  const wanted = new Set(services);
  const types = (Object.keys(AUDITED_SERVICES) as AuditedService[]).filter((s) => wanted.has(s)).flatMap((s) => AUDITED_SERVICES[s].resourceTypes);
  return [...new Set(types)];
}
