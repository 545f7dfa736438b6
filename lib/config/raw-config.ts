/**
 * The config file as written, after schema validation. Only the loader reads these types;
 * everything else reads the normalized `Spec`.
 */
import type { Cloud } from '../access/vocabulary';
import type { ResourceKind } from '../kinds';
import type { RawRunsOn } from '../sources/forms';

export interface RawDeniedCalls {
  readonly threshold?: number;
  readonly windowMinutes?: number;
}

export interface RawMonitoring {
  readonly notify: readonly string[];
  readonly webhooks?: readonly string[];
  readonly deniedCalls?: RawDeniedCalls;
  readonly retentionDays?: number;
  readonly aws?: { readonly logGroup?: string; readonly snsTopicArn?: string };
  readonly gcp?: { readonly notificationChannels?: readonly string[] };
  readonly azure?: { readonly workspaceId?: string; readonly actionGroupId?: string; readonly reuseDiagnosticSettings?: boolean };
}

export interface RawWorkload {
  readonly description: string;
  readonly owner: string;
  /** One source, or a non-empty list of sources that are all trusted. */
  readonly runsOn: RawRunsOn | readonly RawRunsOn[];
  readonly clouds?: readonly Cloud[];
  readonly environments?: readonly string[];
  readonly session?: { readonly maxMinutes: number };
  readonly monitoring?: { readonly deniedCalls?: RawDeniedCalls; readonly optOut?: string };
  readonly access: readonly { readonly resource: string; readonly allow: readonly string[] }[];
  readonly previousNames?: readonly string[];
  readonly retired?: boolean;
  readonly extraAccess?: RawExtraAccess;
  readonly suppress?: readonly RawSuppression[];
}

/** A guardrail suppression as written. */
export interface RawSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly appliesTo?: readonly string[];
}

/** The escape hatch: native grants per cloud, checked by the guardrails like everything else. */
export interface RawExtraAccess {
  readonly aws?: readonly Readonly<Record<string, unknown>>[];
  readonly gcp?: readonly { readonly role: string; readonly on: string; readonly name?: string }[];
  readonly azure?: readonly { readonly role: string; readonly scope: string }[];
}

export type RawResource = { readonly kind: ResourceKind; readonly previousNames?: readonly string[] } & Readonly<Partial<Record<Cloud, Readonly<Record<string, string>>>>>;

export interface RawEnvironment {
  readonly aws?: { readonly accountId: string; readonly region: string; readonly permissionsBoundaryArn?: string; readonly outboundIssuer?: string; readonly existingOidcProviders?: Readonly<Record<string, string>> };
  readonly gcp?: { readonly projectId: string; readonly projectNumber: string; readonly region: string; readonly serviceAccountQuota?: number };
  readonly azure?: {
    readonly subscriptionId: string;
    readonly tenantId: string;
    readonly resourceGroup: string;
    readonly location: string;
    readonly tokenAudience?: string;
    readonly tokenIssuer?: string;
  };
  readonly monitoring: RawMonitoring;
  readonly terraformCloud?: { readonly organization: string; readonly project?: string; readonly hostname?: string };
  readonly manageWorkspaceVariables?: boolean;
  readonly protected?: boolean;
  readonly suppress?: readonly RawSuppression[];
  readonly shards?: number;
}

export interface RawConfig {
  readonly app: string;
  readonly environments: Readonly<Record<string, RawEnvironment>>;
  readonly resources?: Readonly<Record<string, RawResource>>;
  readonly workloads: Readonly<Record<string, RawWorkload>>;
}
