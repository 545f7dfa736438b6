/**
 * The shape of one resource kind (`lib/kinds/<kind>.ts`): what it means, its levels, and per
 * cloud everything the synth, the checks and the review need to know about it. The generic
 * per-cloud code reads only this shape: it never names a kind.
 *
 * A kind's levels key its grants on every cloud, and every cloud is a required part, so a missing
 * cloud or level fails to compile.
 */
import type { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import type { Cloud } from '../access/vocabulary';
import type { NameRule } from './name-rule';

/** The fields naming a resource on one cloud, as the config gives them (`{env}` expanded). */
export type Fields = Readonly<Record<string, string>>;

/** What of an AWS environment an ARN needs. */
export interface AwsPlace {
  readonly accountId: string;
  readonly region: string;
}

/** What of a GCP environment a resource name needs. */
export interface GcpPlace {
  readonly projectId: string;
}

/** What of an Azure environment a scope needs: a resource without a resource group is in the environment's. */
export interface AzurePlace {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
}

/** One access level of a kind. */
export interface LevelDefinition {
  /** What the level allows, the same on every cloud. */
  readonly means: string;
  /** Whether it changes or removes data, or acts with a key's authority (the review rates such grants higher). */
  readonly mutates: boolean;
}

/** The fields that name a resource on one cloud, each with its cloud's naming rule. */
export interface Naming {
  readonly required: Readonly<Record<string, NameRule>>;
  /** @default none */
  readonly optional?: Readonly<Record<string, NameRule>>;
}

// ---- AWS ----------------------------------------------------------------------------------

/** An ARN a kind's actions apply to (e.g. a bucket, or the objects in it). */
export interface AwsTarget {
  /** The ARN, from the resource's fields. */
  readonly arn: (fields: Fields, aws: AwsPlace) => string;
  /** For the review: the ARN of the resource that `arn` belongs to when `arn` is one of this target, else undefined. */
  readonly parse: (arn: string) => string | undefined;
}

/** IAM actions on one target. */
export interface AwsRule<T extends string = string> {
  readonly actions: readonly string[];
  readonly on: T;
}

/** The CloudTrail data events recording calls on a kind's resources. */
export interface AwsDataEvents {
  readonly selectorName: string;
  readonly type: string;
  /** The ARN part every resource of the kind shares in an account and region. */
  readonly base: (aws: AwsPlace) => string;
  /** The ARN value a resource is selected by (it starts with `base`). */
  readonly value: (fields: Fields, aws: AwsPlace) => string;
  /** How a value matches when the trail selects exact values: objects by their bucket's prefix. */
  readonly match: 'equalTo' | 'startsWith';
}

export interface AwsPart<L extends string, T extends string> {
  readonly naming: Naming;
  /** Target names are words of the statement ids (`lib/aws/statement-ids.ts`): capitalized, none a prefix of another. */
  readonly targets: Readonly<Record<T, AwsTarget>>;
  readonly grants: { readonly [Level in L]: readonly AwsRule<NoInfer<T>>[] };
  /** @default no data events recorded */
  readonly dataEvents?: AwsDataEvents;
}

// ---- GCP ----------------------------------------------------------------------------------

/** A provider IAM member resource class, e.g. `StorageBucketIamMember`. */
export interface GcpIamMemberClass {
  readonly tfResourceType: string;
  new (scope: Construct, id: string, config: never): TerraformResource;
}

/** A resource a GCP role is bound on. Its name is also a value of `extraAccess gcp: on:`. */
export interface GcpTarget {
  /** The IAM member resource binding a role on it. */
  readonly member: GcpIamMemberClass;
  /** The member resource's settings naming the resource. */
  readonly props: (fields: Fields, gcp: GcpPlace) => Readonly<Record<string, string>>;
  /** The synthesized attribute naming the resource, which the review reads back. */
  readonly attribute: string;
  /** The resource in words, e.g. `crypto key`. */
  readonly noun: string;
  /** The resource's allow policy, by its full name where that takes more than the plain name. */
  readonly policy: (fields: Fields, gcp: GcpPlace) => string;
  /** An `extraAccess` binding's `name` as the fields naming the resource. */
  readonly fieldsOf: (name: string) => Fields;
  /** The shape an `extraAccess` name must have, when it is more than one name. @default any string */
  readonly nameShape?: { readonly pattern: RegExp; readonly text: string };
}

/** A custom role, made once per project that uses it. */
export interface GcpCustomRole {
  /** Suffix of the role id, e.g. `objectDeleter`. */
  readonly id: string;
  readonly title: string;
  readonly permissions: readonly string[];
}

/** An IAM condition on a binding (https://cloud.google.com/iam/docs/conditions-overview). */
export interface GcpCondition {
  readonly title: string;
  /** @default none */
  readonly description?: string;
  readonly expression: string;
}

/**
 * The role bound for one level: predefined or custom, on one target, optionally under an IAM
 * condition built from the resource's fields. No kind uses a condition yet (a database kind bound
 * on the project will); `lib/gcp/bindings.ts` carries it into the binding.
 */
export type GcpRule<T extends string = string> = {
  readonly on: T;
  /** @default unconditional */
  readonly condition?: (fields: Fields, gcp: GcpPlace) => GcpCondition;
} & ({ readonly role: string } | { readonly custom: GcpCustomRole });

/** A Google API whose audit logs record calls on a kind, and the monitored resource types its entries carry. */
export interface GcpAuditedService {
  readonly service: string;
  readonly resourceTypes: readonly string[];
  /** Data Access log types enabled (Admin Activity is always on). */
  readonly logTypes: readonly ('ADMIN_READ' | 'DATA_READ' | 'DATA_WRITE')[];
  /** Where the types are shown. */
  readonly source: string;
  /** `documented`: a Google page shows the type; `observed`: public queries of real audit logs do. */
  readonly evidence: 'documented' | 'observed';
}

export interface GcpPart<L extends string, T extends string> {
  readonly naming: Naming;
  readonly targets: Readonly<Record<T, GcpTarget>>;
  readonly grants: { readonly [Level in L]: GcpRule<NoInfer<T>> };
  readonly audit: GcpAuditedService;
}

// ---- Azure --------------------------------------------------------------------------------

/** A scope an Azure role is assigned at: the resource itself. */
export interface AzureTarget {
  readonly scope: (fields: Fields, azure: AzurePlace) => string;
  /** For the review: a scope id of this target. */
  readonly matches: RegExp;
  /** For a Key Vault object: the vault, whose assignments need it on Azure RBAC. @default not in a vault */
  readonly vault?: (fields: Fields) => string;
}

/** A custom role definition, made once per environment that uses it. */
export interface AzureCustomRole {
  /** Suffix of the role name, e.g. `blob writer`. */
  readonly name: string;
  readonly description: string;
  readonly dataActions: readonly string[];
}

/** A role assignment condition (https://learn.microsoft.com/azure/role-based-access-control/conditions-overview). */
export interface AzureCondition {
  readonly expression: string;
  readonly version: '2.0';
}

/**
 * The role assigned for one level: built-in or custom, at one target, optionally under a
 * condition built from the resource's fields. No kind uses a condition yet; `lib/azure/identity.ts`
 * carries it into the assignment.
 */
export type AzureRule<T extends string = string> = {
  readonly at: T;
  /** @default unconditional */
  readonly condition?: (fields: Fields, azure: AzurePlace) => AzureCondition;
} & ({ readonly role: string } | { readonly custom: AzureCustomRole });

/** The resource whose diagnostic settings audit a kind, which of its logs to route, and the `log_analytics_destination_type` to set. */
export interface AzureAuditedResource {
  /** Names the diagnostic setting's address with `name`: one setting per audited resource. */
  readonly kind: string;
  readonly id: (fields: Fields, azure: AzurePlace) => string;
  readonly name: (fields: Fields) => string;
  readonly logs: readonly { readonly category: string }[];
  /**
   * Set only where Azure has two modes. azurerm 4.55 (internal/services/monitor/
   * monitor_diagnostic_setting_resource.go:102-111) declares the attribute Optional + Computed and
   * reads Azure's null back as "" (:549-553): set on a resource whose logs have only one mode, it
   * plans a change on every run. So it is left unset (Computed: no diff) where Azure has one mode:
   * blob services (StorageBlobLogs, resource-specific only) and key vaults (AzureDiagnostics; "for
   * some target resource type (e.g., Key Vault), this field is unconfigurable", the provider's
   * documentation, website/docs/r/monitor_diagnostic_setting.html.markdown:95; its Key Vault
   * acceptance config omits it, monitor_diagnostic_setting_resource_test.go:564-604). Service Bus
   * has both modes, and its runtime audit logs reach `AZMSRuntimeAuditLogs` only in
   * resource-specific mode: `Dedicated`, which Azure stores and returns.
   * @default unset
   */
  readonly destinationType?: 'Dedicated';
}

export interface AzurePart<L extends string, T extends string> {
  readonly naming: Naming;
  readonly targets: Readonly<Record<T, AzureTarget>>;
  readonly grants: { readonly [Level in L]: AzureRule<NoInfer<T>> };
  readonly audit: AzureAuditedResource;
}

// ---- the kind -----------------------------------------------------------------------------

interface CloudParts<L extends string, TA extends string, TG extends string, TZ extends string> {
  readonly aws: AwsPart<L, TA>;
  readonly gcp: GcpPart<L, TG>;
  readonly azure: AzurePart<L, TZ>;
}

/** One resource kind. */
export type Kind<L extends string = string, TA extends string = string, TG extends string = string, TZ extends string = string> = {
  /** One line describing the kind, shown in errors and docs. */
  readonly description: string;
  /** The access levels, in order. */
  readonly levels: Readonly<Record<L, LevelDefinition>>;
} & { readonly [C in Cloud]: CloudParts<L, TA, TG, TZ>[C] };

/** A kind, its level and target names kept as literal types. */
export function defineKind<L extends string, TA extends string, TG extends string, TZ extends string>(kind: Kind<L, TA, TG, TZ>): Kind<L, TA, TG, TZ> {
  return kind;
}
