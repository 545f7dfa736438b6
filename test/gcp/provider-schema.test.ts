/**
 * Every attribute the GCP monitoring emits, held against the provider's own schema: each row
 * below is transcribed from the provider source (file and line cited, hashicorp/terraform-provider-google
 * v6.50.0 and hashicorp/terraform-provider-time v0.13.1, the versions the stacks pin). A key the
 * table does not know, a required one missing, or a value outside the provider's ValidateEnum
 * fails; so does a duration the provider (or the API) would refuse.
 */
import * as fs from 'node:fs';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import { EXAMPLES_DIR, example, synthStacks } from '../helpers/synth';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import type { StackJson } from '../../lib/terraform/stack-json';

interface Attr {
  /** file:line in the provider source */
  readonly at: string;
  readonly required?: boolean;
  readonly oneOf?: readonly (string | number)[];
  /** the value must match (a format the provider or the API parses) */
  readonly format?: RegExp;
}

const AP = 'google/services/monitoring/resource_monitoring_alert_policy.go';
const LM = 'google/services/logging/resource_logging_metric.go';
const NC = 'google/services/monitoring/resource_monitoring_notification_channel.go';
const AC = 'google/tpgiamresource/resource_iam_audit_config.go';
const TS = 'internal/provider/resource_time_sleep.go (hashicorp/terraform-provider-time v0.13.1)';
/** Seconds with up to nine fractional digits, terminated by "s" (the API's Duration JSON form). */
const API_DURATION = /^\d+(\.\d{1,9})?s$/;
/** Go's time.ParseDuration, as time_sleep parses create_duration (resource_time_sleep.go:177). */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const META = { at: 'Terraform meta-argument' };

/** Attribute paths (blocks joined by ".") of each resource type we emit. */
const SCHEMA: Readonly<Record<string, Readonly<Record<string, Attr>>>> = {
  google_monitoring_alert_policy: {
    project: { at: `${AP}:1218` },
    display_name: { at: `${AP}:1018`, required: true },
    combiner: { at: `${AP}:65-68`, required: true, oneOf: ['AND', 'OR', 'AND_WITH_MATCHING_RESOURCE'] },
    conditions: { at: `${AP}:72-74`, required: true },
    'conditions.display_name': { at: `${AP}:81-83`, required: true },
    'conditions.condition_threshold': { at: `${AP}:622-627` },
    'conditions.condition_threshold.comparison': { at: `${AP}:630-633`, required: true, oneOf: ['COMPARISON_GT', 'COMPARISON_GE', 'COMPARISON_LT', 'COMPARISON_LE', 'COMPARISON_EQ', 'COMPARISON_NE'] },
    'conditions.condition_threshold.duration': { at: `${AP}:643-645`, required: true, format: API_DURATION },
    'conditions.condition_threshold.filter': { at: `${AP}:924` },
    'conditions.condition_threshold.threshold_value': { at: `${AP}:965` },
    'conditions.condition_threshold.trigger': { at: `${AP}:971-982` },
    'conditions.condition_threshold.trigger.count': { at: `${AP}:985` },
    'conditions.condition_threshold.aggregations': { at: `${AP}:662` },
    'conditions.condition_threshold.aggregations.alignment_period': { at: `${AP}:680`, format: API_DURATION },
    'conditions.condition_threshold.aggregations.per_series_aligner': {
      at: `${AP}:753-756`,
      oneOf: ['ALIGN_NONE', 'ALIGN_DELTA', 'ALIGN_RATE', 'ALIGN_INTERPOLATE', 'ALIGN_NEXT_OLDER', 'ALIGN_MIN', 'ALIGN_MAX', 'ALIGN_MEAN', 'ALIGN_COUNT', 'ALIGN_SUM', 'ALIGN_STDDEV', 'ALIGN_COUNT_TRUE', 'ALIGN_COUNT_FALSE', 'ALIGN_FRACTION_TRUE', 'ALIGN_PERCENTILE_99', 'ALIGN_PERCENTILE_95', 'ALIGN_PERCENTILE_50', 'ALIGN_PERCENTILE_05', 'ALIGN_PERCENT_CHANGE'],
    },
    'conditions.condition_threshold.aggregations.cross_series_reducer': {
      at: `${AP}:698-701`,
      oneOf: ['REDUCE_NONE', 'REDUCE_MEAN', 'REDUCE_MIN', 'REDUCE_MAX', 'REDUCE_SUM', 'REDUCE_STDDEV', 'REDUCE_COUNT', 'REDUCE_COUNT_TRUE', 'REDUCE_COUNT_FALSE', 'REDUCE_FRACTION_TRUE', 'REDUCE_PERCENTILE_99', 'REDUCE_PERCENTILE_95', 'REDUCE_PERCENTILE_50', 'REDUCE_PERCENTILE_05'],
    },
    'conditions.condition_threshold.aggregations.group_by_fields': { at: `${AP}:721` },
    notification_channels: { at: `${AP}:1159` },
    alert_strategy: { at: `${AP}:1026-1030` },
    'alert_strategy.auto_close': { at: `${AP}:1033`, format: API_DURATION },
    documentation: { at: `${AP}:1093-1101` },
    'documentation.content': { at: `${AP}:1104` },
    'documentation.mime_type': { at: `${AP}:1133` },
    severity: { at: `${AP}:1173-1176`, oneOf: ['CRITICAL', 'ERROR', 'WARNING'] },
    depends_on: META,
  },
  google_logging_metric: {
    project: { at: `${LM}:250-254` },
    name: { at: `${LM}:65-67`, required: true },
    filter: { at: `${LM}:59-61`, required: true },
    description: { at: `${LM}:164` },
    label_extractors: { at: `${LM}:175` },
    metric_descriptor: { at: `${LM}:184` },
    'metric_descriptor.metric_kind': { at: `${LM}:195-198`, required: true, oneOf: ['DELTA', 'GAUGE', 'CUMULATIVE'] },
    'metric_descriptor.value_type': { at: `${LM}:203-206`, required: true, oneOf: ['BOOL', 'INT64', 'DOUBLE', 'STRING', 'DISTRIBUTION', 'MONEY'] },
    'metric_descriptor.unit': { at: `${LM}:228` },
    'metric_descriptor.labels': { at: `${LM}:218` },
    'metric_descriptor.labels.key': { at: `${LM}:264-267`, required: true },
    'metric_descriptor.labels.description': { at: `${LM}:270` },
    'metric_descriptor.labels.value_type': { at: `${LM}:275-279`, oneOf: ['BOOL', 'INT64', 'STRING'] },
  },
  google_monitoring_notification_channel: {
    project: { at: `${NC}:172-176` },
    type: { at: `${NC}:74-76`, required: true, oneOf: ['email', 'webhook_tokenauth'] },
    display_name: { at: `${NC}:84` },
    labels: { at: `${NC}:95` },
    // labels of each type (NotificationChannelDescriptor): e-mail's address, the webhook's url
    'labels.email_address': { at: 'https://cloud.google.com/monitoring/support/notification-options (email)' },
    'labels.url': { at: 'https://cloud.google.com/monitoring/support/notification-options (webhooks)' },
  },
  google_project_iam_audit_config: {
    project: { at: 'google/services/resourcemanager/iam_project.go:31-34', required: true },
    service: { at: `${AC}:33-35`, required: true },
    audit_log_config: { at: `${AC}:38-40`, required: true },
    'audit_log_config.log_type': { at: `${AC}:44-47`, required: true, oneOf: ['DATA_READ', 'DATA_WRITE', 'ADMIN_READ'] },
  },
  time_sleep: {
    create_duration: { at: `${TS}:74-79`, format: GO_DURATION },
    triggers: { at: `${TS}:95-101` },
    depends_on: META,
  },
};

/**
 * Every attribute path of a resource with its values: a block (object, or list of objects) is
 * recorded and walked into; a list of scalars or a free map is a value.
 */
function leaves(value: unknown, path: string, out: Map<string, unknown[]>, maps: ReadonlySet<string>): void {
  const blocks = Array.isArray(value) ? value.filter((v) => v && typeof v === 'object') : value && typeof value === 'object' ? [value] : [];
  if (path) {
    const scalars = Array.isArray(value) && !blocks.length ? value : blocks.length ? [] : [value];
    out.set(path, [...(out.get(path) ?? []), ...scalars]);
  }
  if (maps.has(path)) return;
  for (const block of blocks) for (const [k, v] of Object.entries(block as object)) leaves(v, path ? `${path}.${k}` : k, out, maps);
}

/** Attributes that are maps of free keys (their keys are data, not schema), except where the table names keys. */
const FREE_MAPS = new Set(['label_extractors', 'triggers']);

const CONFIGS: [string, string][] = [
  ...fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => [`examples/${f}`, example(f)] as [string, string]),
  ['every level', EVERY_LEVEL_CONFIG],
  [
    'webhooks, an override and an opt-out',
    config(
      workload('a', '{ github: { repository: acme/a, ref: refs/heads/main } }', ['{ resource: bucket, allow: [read] }'], '    monitoring: { deniedCalls: { threshold: 3, windowMinutes: 60 } }\n') +
        workload('b', '{ gcp: compute }', [], '    monitoring: { optOut: "a test identity, deleted after the run" }\n'),
      threeCloudEnvironment().replace('notify: [secops@example.com]', 'notify: [secops@example.com], webhooks: ["https://siem.example.com/hooks/T01/abc"]'),
    ),
  ],
];

/** Problems of every monitoring resource of the stacks against the table, and how many attributes were checked. */
function schemaProblems(stacks: Record<string, StackJson>): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  for (const [stackName, stack] of Object.entries(stacks)) {
    for (const [type, schema] of Object.entries(SCHEMA)) {
      for (const [address, resource] of Object.entries(stack.resource?.[type] ?? {})) {
        const where = `${stackName}: ${type}.${address}`;
        const found = new Map<string, unknown[]>();
        leaves(resource, '', found, FREE_MAPS);
        for (const [path, values] of found) {
          const attr = schema[path];
          if (!attr) {
            problems.push(`${where}: ${path} is not an attribute of ${type}`);
            continue;
          }
          checked++;
          for (const v of values) {
            if (attr.oneOf && !attr.oneOf.includes(v as string)) problems.push(`${where}: ${path} = ${String(v)} is not one of ${attr.oneOf.join(', ')} (${attr.at})`);
            if (attr.format && !attr.format.test(String(v))) problems.push(`${where}: ${path} = ${String(v)} is not a duration the provider parses (${attr.at})`);
          }
        }
        // required attributes, at the top and in every block that is present
        for (const [path, attr] of Object.entries(schema)) {
          if (!attr.required) continue;
          const parent = path.split('.').slice(0, -1).join('.');
          if ((parent === '' || found.has(parent)) && !found.has(path)) problems.push(`${where}: ${path} is required (${attr.at})`);
        }
      }
    }
  }
  return { problems, checked };
}

describe.each(CONFIGS)('every GCP monitoring attribute of %s', (_name, yaml) => {
  const stacks = synthStacks(yaml);
  const hasGcp = Object.values(stacks).some((s) => Object.keys(s.resource ?? {}).some((t) => t.startsWith('google_')));

  it('is in the provider schema, with every required attribute and only values the provider accepts', () => {
    const { problems, checked } = schemaProblems(stacks);
    expect(problems).toEqual([]);
    // a config without Google Cloud has nothing to check, and says so by checking nothing
    expect(checked > 0).toBe(hasGcp);
  });
});

describe('the table refuses what the provider refuses', () => {
  const stacks = synthStacks(example('identity.yaml'));
  const broken = (mutate: (policy: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(stacks)) as Record<string, StackJson>;
    const stack = Object.values(copy).find((s) => s.resource?.google_monitoring_alert_policy) as StackJson;
    mutate(Object.values(stack.resource?.google_monitoring_alert_policy ?? {})[0]);
    return schemaProblems(copy).problems;
  };

  it('an unknown attribute, a value outside ValidateEnum, a missing required attribute, a duration without unit', () => {
    expect(broken((p) => (p.conditon = []))).toEqual([expect.stringContaining('conditon is not an attribute')]);
    expect(broken((p) => (p.combiner = 'ANY'))).toEqual([expect.stringContaining('combiner = ANY is not one of')]);
    expect(broken((p) => delete p.display_name)).toEqual([expect.stringContaining('display_name is required')]);
    expect(broken((p) => (((p.conditions as Record<string, Record<string, unknown>>[])[0].condition_threshold.duration = '5m')))).toEqual([
      expect.stringContaining('is not a duration'),
    ]);
  });
});
