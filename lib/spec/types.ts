/**
 * The normalized spec: what the loader returns after validation, defaults and `{env}`
 * expansion. Everything downstream (stacks, constructs, guardrails) reads only these types.
 */
import type { Cloud, Level, ResourceKind } from '../access/vocabulary';

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
}

export interface GcpEnvironment {
  readonly projectId: string;
  readonly projectNumber: string;
  readonly region: string;
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

export interface MonitoringSpec {
  /** E-mail addresses told about denied calls. */
  readonly notify: readonly string[];
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
   * Stacks the workloads are split over (see `lib/spec/shards.ts`); above 1, a further stack
   * holds what they share. @default 1
   */
  readonly shards: number;
  readonly workloads: readonly WorkloadSpec[];
}

/** A resource as named on one cloud, fields with `{env}` already expanded. */
export type CloudResourceFields = Readonly<Record<string, string>>;

/** A resource of the config, for one environment. */
export interface ResourceSpec {
  readonly name: string;
  readonly kind: ResourceKind;
  /** Per cloud where the resource exists: its expanded naming fields. */
  readonly clouds: Readonly<Partial<Record<Cloud, CloudResourceFields>>>;
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

/** An external OIDC token issuer: Kubernetes, GitHub Actions, Terraform Cloud or any other. */
export interface OidcSource {
  readonly type: 'oidc';
  readonly provider: 'kubernetes' | 'github' | 'terraformCloud' | 'oidc';
  /** https URL of the issuer, no trailing slash. */
  readonly issuer: string;
  /** The exact `sub` claim, built from the config's fields. */
  readonly subject: string;
  /** The audience the workload requests per target cloud; absent: the cloud's default. */
  readonly audience: Readonly<Partial<Record<Cloud, string>>>;
}

/** Where a workload's code runs: decides how each cloud trusts it. */
export type Source = RuntimeSource | OidcSource;

/** One workload in one environment, defaults applied. */
export interface WorkloadSpec {
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  readonly source: Source;
  /** The clouds the workload gets an identity on, in CLOUDS order. */
  readonly clouds: readonly Cloud[];
  /** Longest credential session, in minutes. */
  readonly sessionMinutes: number;
  readonly grants: readonly GrantSpec[];
}
