/**
 * The normalized spec: what the loader returns after validation, defaults and `{env}`
 * expansion. Everything downstream (stacks, constructs, guardrails) reads only these types.
 */
import type { Cloud } from '../access/vocabulary';
import type { GcpTargetName, Level, ResourceKind } from '../kinds';
import type { AlertThreshold } from '../monitoring/neutral';
import type { ConfigPath } from './config-error';

/** The whole, validated configuration. */
export interface Spec {
  /** Prefix of every name. */
  readonly app: string;
  /** Environments in the order the file lists them, each with its workloads resolved. */
  readonly environments: readonly EnvironmentSpec[];
}

export interface AwsEnvironment {
  readonly accountId: string;
  readonly region: string;
  /** Attached to every role made in this environment. @default none */
  readonly permissionsBoundaryArn?: string;
  /**
   * The account's outbound web identity federation issuer (`aws iam
   * get-outbound-web-identity-federation-info`), trusted by Azure for AWS-hosted workloads.
   * @default a Terraform variable `aws_outbound_issuer` of the stack
   */
  readonly outboundIssuer?: string;
  /**
   * IAM OIDC providers the account already has, by exact issuer: none is made for them, trusts
   * name the given ARN. Those of every environment in the same account. @default none
   */
  readonly existingOidcProviders?: Readonly<Record<string, string>>;
}

export interface GcpEnvironment {
  readonly projectId: string;
  readonly projectNumber: string;
  readonly region: string;
  /** Service accounts the project may hold, where its quota was raised. @default 100 (the default quota) */
  readonly serviceAccountQuota?: number;
}

export interface AzureEnvironment {
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /**
   * The audience Azure-hosted workloads request tokens for when they federate into AWS or GCP.
   * @default "api://AzureADTokenExchange"
   */
  readonly tokenAudience: string;
  /**
   * The issuer of those tokens.
   * @default "https://login.microsoftonline.com/<tenantId>/v2.0"
   */
  readonly tokenIssuer: string;
}

/** How an environment's identities are audited and who hears of their denied calls. */
export interface MonitoringSpec {
  /** E-mail addresses told about denied calls. */
  readonly notify: readonly string[];
  /** https endpoints that also receive every alert. @default none */
  readonly webhooks: readonly string[];
  /** The environment's alert threshold, which workloads may override. @default 1 in 5 minutes */
  readonly deniedCalls: AlertThreshold;
  /** Days audit logs are kept where this project stores them. @default 90 */
  readonly retentionDays: number;
  readonly aws: {
    /** An existing log group an existing trail delivers to: no trail is made. @default a trail per environment */
    readonly logGroup?: string;
    /** An existing SNS topic that also receives every alert. @default none */
    readonly snsTopicArn?: string;
  };
  /** Existing notification channels that also receive every alert. @default none */
  readonly gcp: { readonly notificationChannels: readonly string[] };
  readonly azure: {
    /** An existing Log Analytics workspace: none is made. @default a workspace per environment */
    readonly workspaceId?: string;
    /** An existing action group that also receives every alert. @default none */
    readonly actionGroupId?: string;
    /**
     * The subscription's Activity Log and every audited resource already send their audit categories
     * to `workspaceId` through diagnostic settings managed elsewhere: none is made here. @default false
     */
    readonly reuseDiagnosticSettings?: boolean;
  };
}

/** A workload's alert settings, its environment's with its own overrides applied. */
export interface WorkloadMonitoring {
  readonly deniedCalls: AlertThreshold;
  /** Set: no alerts for this workload, for this reason. */
  readonly optOut?: string;
}

export interface TerraformCloudBackend {
  readonly organization: string;
  /** The Terraform Cloud project holding the workspace. @default the organization's default project */
  readonly project?: string;
  /** @default "app.terraform.io" */
  readonly hostname: string;
}

/** One environment: its clouds, and the workloads deployed there. */
export interface EnvironmentSpec {
  readonly name: string;
  readonly aws?: AwsEnvironment;
  readonly gcp?: GcpEnvironment;
  readonly azure?: AzureEnvironment;
  readonly monitoring: MonitoringSpec;
  /** Absent: local backend. */
  readonly terraformCloud?: TerraformCloudBackend;
  /**
   * A stack of its own, `<app>-<env>_workspace-variables`, sets the dynamic-credential variables
   * of the Terraform Cloud workspace of every `terraformCloud` workload (stacks/workspace-variables-stack.ts).
   * Absent where the config does not turn it on. @default off
   */
  readonly manageWorkspaceVariables?: true;
  /** Production: identities and their trust carry `prevent_destroy`. @default false */
  readonly protected: boolean;
  /**
   * Stacks the workloads are split over (see `lib/spec/shards.ts`); above 1, a further stack
   * holds what they share. @default 1
   */
  readonly shards: number;
  readonly workloads: readonly WorkloadSpec[];
  /** Guardrail suppressions for every finding of this environment's stack. */
  readonly suppressions: readonly SuppressionSpec[];
}

/** A reasoned exception to one guardrail rule. */
export interface SuppressionSpec {
  /** The rule id, e.g. `WI-FED-001`. */
  readonly rule: string;
  /** Why the finding is acceptable: at least 10 characters. */
  readonly reason: string;
  /** Finding ids (or their detail, e.g. `Action::s3:*`) it covers. @default every finding of the rule in its scope */
  readonly appliesTo?: readonly string[];
  /** Where the config declares it, e.g. `workloads.deployer.suppress[0]`. */
  readonly path: ConfigPath;
}

/** One raw IAM policy statement, added as written (`{env}` expanded, `\${` kept literal). */
export type AwsExtraStatement = Readonly<Record<string, unknown>>;

/** Where an extra GCP binding is made: one resource of a binding target type, or the project. */
export type GcpExtraTarget = GcpTargetName | 'project';

/** One extra GCP role binding. */
export interface GcpExtraBinding {
  readonly role: string;
  readonly on: GcpExtraTarget;
  /** The resource's name (`keyRing/key` or `location/keyRing/key` for a crypto key); absent for the project. */
  readonly name?: string;
}

/** One extra Azure role assignment. */
export interface AzureExtraAssignment {
  /** A built-in or custom role name, or a role definition id (`/subscriptions/.../roleDefinitions/<guid>`). */
  readonly role: string;
  /** The Azure resource id the role is assigned at. */
  readonly scope: string;
}

/** The escape hatch: native grants added as written, then checked by the guardrails. */
export interface ExtraAccessSpec {
  readonly aws: readonly AwsExtraStatement[];
  readonly gcp: readonly GcpExtraBinding[];
  readonly azure: readonly AzureExtraAssignment[];
}

/** A resource as named on one cloud, fields with `{env}` already expanded. */
export type CloudResourceFields = Readonly<Record<string, string>>;

/** A resource of the config, for one environment. */
export interface ResourceSpec {
  readonly name: string;
  readonly kind: ResourceKind;
  /** Per cloud where the resource exists: its expanded naming fields. */
  readonly clouds: Readonly<Partial<Record<Cloud, CloudResourceFields>>>;
  /** Earlier names, oldest first. @default [] */
  readonly previousNames: readonly string[];
}

/** What a workload may do to one resource. */
export interface GrantSpec {
  readonly resource: ResourceSpec;
  readonly levels: readonly Level[];
}

/** A runtime of one cloud that runs the workload and attaches its identity natively. */
export interface RuntimeSource {
  readonly type: 'runtime';
  readonly cloud: Cloud;
  /** e.g. lambda, cloud-run, functions. */
  readonly runtime: string;
}

/**
 * A claim that pins a federated source more coarsely than its subject (the GitHub repository or
 * owner, the Terraform Cloud workspace or organization, the Kubernetes namespace, the Entra
 * tenant), as a CEL expression over the token and the value it must have.
 */
export interface CoarsePin {
  readonly expression: string;
  readonly value: string;
}

/** An external OIDC token issuer: Kubernetes, GitHub Actions, Terraform Cloud or any other. */
export interface OidcSource {
  readonly type: 'oidc';
  /** The runsOn form it comes from, e.g. github (a key of FEDERATED_FORMS, lib/sources/forms.ts). */
  readonly provider: string;
  /** https URL of the issuer, exactly as the config gives it (a trailing `/` included). */
  readonly issuer: string;
  /** The exact `sub` claim, built from the config's fields. */
  readonly subject: string;
  /** The audience the workload requests per target cloud; absent: the cloud's default. */
  readonly audience: Readonly<Partial<Record<Cloud, string>>>;
  /** Where the issuer has them: claims that pin the source more coarsely than `sub`, narrowest first. */
  readonly coarsePins?: readonly CoarsePin[];
  /** Set where GCP already knows the workload as a member of a Google-managed pool (GKE): GCP trusts it without a pool of ours. */
  readonly gcpMember?: string;
  /** Set for EKS Pod Identity: AWS trusts the EKS pods service for this service account, not the issuer. */
  readonly podIdentity?: PodIdentity;
}

/** An EKS Pod Identity association's subject: a service account of one cluster. */
export interface PodIdentity {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Where a workload's code runs: decides how each cloud trusts it. */
export type Source = RuntimeSource | OidcSource;

/** One workload in one environment, defaults applied. */
export interface WorkloadSpec {
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  /** The first of `sources`: the source of a single runsOn. */
  readonly source: Source;
  /**
   * Every source of runsOn, in config order (one for a single runsOn): each is trusted on every
   * cloud of the workload (lib/sources/source-list.ts).
   */
  readonly sources: readonly Source[];
  /** runsOn is a list (even of one): config paths name `runsOn[i]`. @default false */
  readonly sourceList?: true;
  /** The clouds the workload gets an identity on, in CLOUDS order. */
  readonly clouds: readonly Cloud[];
  /** Longest credential session, in minutes. */
  readonly sessionMinutes: number;
  readonly monitoring: WorkloadMonitoring;
  readonly grants: readonly GrantSpec[];
  /** Earlier names, oldest first; the oldest names the cloud identities. @default [] */
  readonly previousNames: readonly string[];
  /** About to be removed: its identities lose `prevent_destroy`. @default false */
  readonly retired: boolean;
  /** Native grants beyond the access vocabulary. */
  readonly extraAccess: ExtraAccessSpec;
  /** Guardrail suppressions for this workload's findings. */
  readonly suppressions: readonly SuppressionSpec[];
}
