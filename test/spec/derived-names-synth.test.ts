/**
 * The names the loader checks (lib/spec/derived-names.ts) are exactly the names the synth
 * emits: read back from the synthesized stacks, per resource type, for configs that make
 * every kind of name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { derivedNames } from '../../lib/spec/derived-names';
import type { DerivedNameKind } from '../../lib/spec/derived-names';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import { synthStacks } from '../helpers/synth';

/** Where each kind of derived name sits in the synthesized Terraform JSON. */
const EMITTED: Readonly<Record<DerivedNameKind, { readonly type: string; readonly name: (r: Record<string, unknown>) => unknown }>> = {
  'aws-iam-role': { type: 'aws_iam_role', name: (r) => r.name },
  'aws-cloudtrail-trail': { type: 'aws_cloudtrail', name: (r) => r.name },
  'aws-s3-bucket': { type: 'aws_s3_bucket', name: (r) => r.bucket },
  'aws-log-group': { type: 'aws_cloudwatch_log_group', name: (r) => r.name },
  'aws-sns-topic': { type: 'aws_sns_topic', name: (r) => r.name },
  'aws-metric': { type: 'aws_cloudwatch_log_metric_filter', name: (r) => (r.metric_transformation as { name: string }).name },
  'gcp-service-account': { type: 'google_service_account', name: (r) => r.account_id },
  'gcp-pool': { type: 'google_iam_workload_identity_pool', name: (r) => r.workload_identity_pool_id },
  'gcp-custom-role': { type: 'google_project_iam_custom_role', name: (r) => r.role_id },
  'gcp-log-metric': { type: 'google_logging_metric', name: (r) => r.name },
  'azure-managed-identity': { type: 'azurerm_user_assigned_identity', name: (r) => r.name },
  'azure-custom-role': { type: 'azurerm_role_definition', name: (r) => r.name },
  'azure-workspace': { type: 'azurerm_log_analytics_workspace', name: (r) => r.name },
  'azure-action-group': { type: 'azurerm_monitor_action_group', name: (r) => r.name },
  'azure-diagnostic-setting': { type: 'azurerm_monitor_diagnostic_setting', name: (r) => (/^\/subscriptions\/[^/]+$/.test(String(r.target_resource_id)) ? r.name : undefined) },
};

/**
 * Named resources the loader does not list, each with why it cannot clash unless a listed name does
 * (see the header of lib/spec/derived-names.ts). A resource type in neither table fails the test.
 */
const NOT_LISTED: Readonly<Record<string, string>> = {
  aws_iam_role_policy: 'named inside its role',
  aws_cloudwatch_metric_alarm: '<role> <event>s: unique when the role name is',
  aws_iam_openid_connect_provider: 'named by its issuer URL, one per account (lib/aws/oidc-providers.ts)',
  azurerm_federated_identity_credential: 'named inside its identity',
  azurerm_monitor_scheduled_query_rules_alert_v2: '<identity>-denied-calls: unique when the identity name is',
  google_iam_workload_identity_pool_provider: 'oidc-<hash of the issuer>, inside its pool',
  google_monitoring_alert_policy: 'display names need not be unique',
  google_monitoring_notification_channel: 'display names need not be unique',
};
/** Attributes that name a resource in the cloud's namespace. */
const NAME_ATTRIBUTES = ['name', 'account_id', 'role_id', 'workload_identity_pool_id', 'alarm_name'];

const everyKind = config(
  [
    workload('renderer', '{ aws: lambda }', ['{ resource: bucket, allow: [read, write, delete] }', '{ resource: key, allow: [encrypt, decrypt, sign] }']),
    workload('deployer', '{ github: { repository: acme/app, environment: prod } }', ['{ resource: queue, allow: [send, consume] }', '{ resource: secret, allow: [read] }']),
    workload('web', '{ azure: app-service }', ['{ resource: topic, allow: [publish] }']),
  ].join(''),
  threeCloudEnvironment('dev') + threeCloudEnvironment('prod'),
);
const designExample = fs.readFileSync(path.join(__dirname, '..', 'data', 'design-example.yaml'), 'utf8');

describe.each([
  ['every kind of resource on three clouds', everyKind, true],
  ['the DESIGN.md example', designExample, false],
])('derived names of %s', (_, text, makesEveryKind) => {
  const spec = parseSpec(text);
  const stacks = Object.values(synthStacks(spec));
  const all = stacks.flatMap((s) => Object.entries(s.resource ?? {}).flatMap(([type, byName]) => Object.values(byName).map((r) => ({ type, r }))));

  it.each(Object.keys(EMITTED) as DerivedNameKind[])('%s: the names checked at load are the names synthesized', (kind) => {
    const { type, name } = EMITTED[kind];
    const emitted = all.filter((x) => x.type === type).map((x) => name(x.r)).filter((n) => n !== undefined);
    const listed = derivedNames(spec).filter((n) => n.kind === kind).map((n) => n.name);
    expect([...new Set(listed)].sort()).toEqual([...new Set(emitted)].sort());
    if (makesEveryKind) expect(emitted.length).toBeGreaterThan(0);
  });

  it('leaves out only named resources that cannot clash on their own', () => {
    const mapped = new Set(Object.values(EMITTED).map((e) => e.type));
    const named = new Set(all.filter((x) => NAME_ATTRIBUTES.some((a) => typeof x.r[a] === 'string')).map((x) => x.type));
    expect([...named].filter((t) => !mapped.has(t) && !(t in NOT_LISTED))).toEqual([]);
  });
});
