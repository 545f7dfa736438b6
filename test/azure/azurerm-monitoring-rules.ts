/**
 * The rules azurerm v4.55.0 (hashicorp/terraform-provider-azurerm, tag v4.55.0) applies to every
 * attribute the Azure monitoring emits, transcribed from its source: file and line on each rule.
 * Held against every synthesized resource in azurerm-monitoring.test.ts.
 */
const SQR = 'internal/services/monitor/monitor_scheduled_query_rules_alert_v2_resource.go';
const DS = 'internal/services/monitor/monitor_diagnostic_setting_resource.go';
const AG = 'internal/services/monitor/monitor_action_group_resource.go';
const LAW = 'internal/services/loganalytics/log_analytics_workspace_resource.go';

/** One attribute rule: where it is, and a check of a value. */
export interface AttributeRule {
  readonly source: string;
  readonly check: (value: unknown) => boolean;
}

const oneOf = (values: readonly unknown[]) => (v: unknown) => values.includes(v);
const intBetween = (lo: number, hi: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Attribute path (`a.b` inside blocks) → rule, per resource type. Attributes emitted but absent here fail the test. */
export const AZURERM_RULES: Readonly<Record<string, Readonly<Record<string, AttributeRule>>>> = {
  azurerm_monitor_scheduled_query_rules_alert_v2: {
    name: { source: `${SQR}:93-98 (Required, ForceNew, StringIsNotEmpty)`, check: nonEmpty },
    resource_group_name: { source: `${SQR}:100 commonschema.ResourceGroupName`, check: nonEmpty },
    location: { source: `${SQR}:102 commonschema.Location`, check: nonEmpty },
    'criteria.query': { source: `${SQR}:110-114 (StringIsNotEmpty)`, check: nonEmpty },
    'criteria.operator': { source: `${SQR}:116-127`, check: oneOf(['Equal', 'GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual']) },
    'criteria.time_aggregation_method': { source: `${SQR}:129-139`, check: oneOf(['Count', 'Average', 'Minimum', 'Maximum', 'Total']) },
    'criteria.threshold': { source: `${SQR}:141-144 (TypeFloat)`, check: (v) => typeof v === 'number' },
    'criteria.metric_measure_column': { source: `${SQR}:199-203; required unless Count (website/docs/r/monitor_scheduled_query_rules_alert_v2.html.markdown:185)`, check: nonEmpty },
    'criteria.failing_periods.minimum_failing_periods_to_trigger_alert': { source: `${SQR}:184-188 (IntBetween 1, 6)`, check: intBetween(1, 6) },
    'criteria.failing_periods.number_of_evaluation_periods': { source: `${SQR}:190-194 (IntBetween 1, 6)`, check: intBetween(1, 6) },
    evaluation_frequency: {
      source: `${SQR}:215-234`,
      check: oneOf(['PT1M', 'PT5M', 'PT10M', 'PT15M', 'PT30M', 'PT45M', 'PT1H', 'PT2H', 'PT3H', 'PT4H', 'PT5H', 'PT6H', 'P1D']),
    },
    scopes: { source: `${SQR}:236-246 (MinItems 1, MaxItems 1, ForceNew)`, check: (v) => Array.isArray(v) && v.length === 1 && nonEmpty(v[0]) },
    severity: { source: `${SQR}:248-252 (IntBetween 0, 4)`, check: intBetween(0, 4) },
    window_duration: {
      source: `${SQR}:254-273; PT1M only with evaluation_frequency PT1M (docs :129)`,
      check: oneOf(['PT5M', 'PT10M', 'PT15M', 'PT30M', 'PT45M', 'PT1H', 'PT2H', 'PT3H', 'PT4H', 'PT5H', 'PT6H', 'P1D', 'P2D']),
    },
    'action.action_groups': { source: `${SQR}:281-288 (azure.ValidateResourceID)`, check: (v) => Array.isArray(v) && v.every(nonEmpty) },
    auto_mitigation_enabled: { source: `${SQR}:301-305 (TypeBool)`, check: (v) => typeof v === 'boolean' },
    description: { source: `${SQR}:313-316; at most 4,096 characters (Azure Monitor service limits, alerts)`, check: (v) => typeof v === 'string' && v.length <= 4096 },
    display_name: { source: `${SQR}:318-322 (StringIsNotEmpty)`, check: nonEmpty },
    tags: { source: `${SQR}:378 commonschema.Tags`, check: (v) => typeof v === 'object' },
  },
  azurerm_monitor_diagnostic_setting: {
    name: { source: `${DS}:51-56, validate/monitor_diagnostic_setting.go:11-25 (no <>*%&:\\?+/, 1-260)`, check: (v) => typeof v === 'string' && !/[<>*%&:\\?+/]/.test(v) && v.length >= 1 && v.length <= 260 },
    target_resource_id: { source: `${DS}:58-66 (ForceNew, a resource id)`, check: (v) => typeof v === 'string' && v.startsWith('/subscriptions/') },
    log_analytics_workspace_id: { source: `${DS}:81-86 (workspaces.ValidateWorkspaceID)`, check: nonEmpty },
    // Optional + Computed; Read sets "" when Azure returns null (:549-553): set only where Azure keeps it.
    log_analytics_destination_type: { source: `${DS}:102-111, 549-553`, check: oneOf(['Dedicated']) },
    'enabled_log.category': { source: `${DS}:119-123 (StringIsNotEmpty)`, check: nonEmpty },
  },
  azurerm_monitor_action_group: {
    name: { source: `${AG}:57-62 (ForceNew, StringIsNotEmpty)`, check: nonEmpty },
    resource_group_name: { source: `${AG}:64`, check: nonEmpty },
    short_name: { source: `${AG}:81-85 (StringLenBetween 1, 12)`, check: (v) => typeof v === 'string' && v.length >= 1 && v.length <= 12 },
    'email_receiver.name': { source: `${AG}:98-102`, check: nonEmpty },
    'email_receiver.email_address': { source: `${AG}:103-107`, check: nonEmpty },
    'email_receiver.use_common_alert_schema': { source: `${AG}:108-111`, check: (v) => typeof v === 'boolean' },
    'webhook_receiver.name': { source: `${AG}:200-204`, check: nonEmpty },
    'webhook_receiver.service_uri': { source: `${AG}:205-209 (IsURLWithScheme http, https)`, check: (v) => typeof v === 'string' && /^https?:\/\/[^/]/.test(v) },
    'webhook_receiver.use_common_alert_schema': { source: `${AG}:210-213`, check: (v) => typeof v === 'boolean' },
    tags: { source: 'commonschema.Tags', check: (v) => typeof v === 'object' },
  },
  azurerm_log_analytics_workspace: {
    name: { source: `${LAW}:64-69, validate/log_analytics_workspace_name.go:11-25 (^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$, 4-63)`, check: (v) => typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/.test(v) && v.length >= 4 && v.length <= 63 },
    resource_group_name: { source: 'commonschema.ResourceGroupName', check: nonEmpty },
    location: { source: 'commonschema.Location', check: nonEmpty },
    sku: { source: `${LAW}:107-122 (PerGB2018 among the values; Premium/Standard refused at creation)`, check: oneOf(['PerGB2018']) },
    retention_in_days: { source: `${LAW}:139-144 (IntBetween 30, 730)`, check: intBetween(30, 730) },
    tags: { source: 'commonschema.Tags', check: (v) => typeof v === 'object' },
  },
};
