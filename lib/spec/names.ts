/**
 * Cloud names of everything this project creates: pure functions of (app, environment,
 * workload), within each cloud's limits, shortened with a stable hash where needed so that
 * two different inputs never share a name.
 */
import { createHash } from 'node:crypto';

/** A short, stable hash of the parts. */
export function stableHash(parts: readonly string[], length = 6): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, length);
}

/**
 * Joins parts with `separator`; when the result is longer than `max`, cuts it and appends a
 * hash of the whole, so shortened names stay unique and recognizable.
 */
export function fitName(parts: readonly string[], max: number, separator = '-'): string {
  const full = parts.join(separator);
  if (full.length <= max) return full;
  const hash = stableHash(parts);
  const head = full.slice(0, max - hash.length - 1).replace(/[^a-z0-9]+$/i, '');
  return `${head}${separator}${hash}`;
}

/** Names of one workload's identities in one environment. */
export interface IdentityNames {
  /** AWS IAM role name (at most 64 characters). */
  readonly awsRole: string;
  /** GCP service account id (6 to 30 characters, `[a-z][a-z0-9-]*[a-z0-9]`). */
  readonly gcpAccountId: string;
  /** Azure user-assigned managed identity name (3 to 128 characters). */
  readonly azureIdentity: string;
}

export function identityNames(app: string, env: string, workload: string): IdentityNames {
  const parts = [app, env, workload];
  return {
    awsRole: fitName(parts, 64),
    gcpAccountId: fitName(parts, 30).padEnd(6, '0'),
    azureIdentity: fitName(['id', ...parts], 128),
  };
}

/** Names of what one environment makes once, beside its workloads' identities. */
export interface EnvironmentNames {
  /** CloudTrail trail (lib/aws/audit-trail.ts). */
  readonly awsTrail: string;
  /** CloudWatch Logs group the trail delivers to. */
  readonly awsLogGroup: string;
  /** IAM role CloudTrail assumes to deliver to the log group: in the same namespace as the workloads' roles. */
  readonly awsDeliveryRole: string;
  /** SNS topic every alarm notifies (lib/aws/monitoring.ts). */
  readonly awsAlertTopic: string;
  /** CloudWatch metrics (and their filters) counting denied calls and failed web identity assumes. */
  readonly awsDeniedMetric: string;
  readonly awsFailedAssumeMetric: string;
  /** Log-based metrics (lib/gcp/monitoring-plan.ts). */
  readonly gcpDeniedMetric: string;
  readonly gcpFailedExchangeMetric: string;
  /** Log Analytics workspace, action group and diagnostic settings (lib/azure/monitoring.ts). */
  readonly azureWorkspace: string;
  readonly azureActionGroup: string;
  readonly azureActionGroupShortName: string;
  readonly azureDiagnosticSetting: string;
}

export function environmentNames(app: string, env: string): EnvironmentNames {
  const prefix = `${app}-${env}`;
  return {
    awsTrail: `${prefix}-identity-audit`,
    awsLogGroup: `/${app}/${env}/identity-audit`,
    awsDeliveryRole: fitName([app, env, 'identity-audit-delivery'], 64),
    awsAlertTopic: `${prefix}-identity-alerts`,
    awsDeniedMetric: `${prefix}-denied-calls`,
    awsFailedAssumeMetric: `${prefix}-failed-web-identity-assumes`,
    gcpDeniedMetric: `${prefix}-denied-calls`,
    gcpFailedExchangeMetric: `${prefix}-failed-token-exchanges`,
    azureWorkspace: fitName(['log', prefix, 'identity'], 63),
    azureActionGroup: `ag-${prefix}-identity-alerts`,
    azureActionGroupShortName: fitName([app, env], 12),
    azureDiagnosticSetting: `${prefix}-identity-audit`,
  };
}

/** The S3 bucket CloudTrail writes an environment's audit logs to (bucket names are global: the account id is part of it). */
export function awsAuditBucketName(app: string, env: string, accountId: string): string {
  return fitName([app, env, 'identity-audit', accountId], 63);
}

/**
 * GCP workload identity pool id for an environment: 4 to 32 characters, never starting with
 * `gcp-` (ValidateWorkloadIdentityPoolId, terraform-provider-google v6.50.0
 * google/services/iambeta/resource_iam_workload_identity_pool.go:40-64; app `gcp` gives `wi-gcp-dev`).
 */
export function gcpPoolId(app: string, env: string): string {
  const id = fitName([app, env], 32);
  return id.startsWith('gcp-') ? fitName(['wi', app, env], 32) : id;
}

/** GCP custom role id for an access level (`[a-zA-Z0-9_.]{3,64}`). */
export function gcpCustomRoleId(app: string, env: string, role: string): string {
  return fitName([app, env, role], 64, '_').replace(/-/g, '_');
}

/** Azure custom role definition name, unique in the tenant. */
export function azureCustomRoleName(app: string, env: string, role: string): string {
  return `${app}-${env} ${role}`;
}
