/**
 * Walks every identity of every stack of the examples (and of a config with every source kind,
 * existing targets, an override and an opt-out) and checks that each has an audit path, a
 * denied-call alert that names it by reference, and a route to every notify address of its
 * environment. A new identity without monitoring fails here.
 */
import { AUDIT_DELIVERY_WORKLOAD } from '../../lib/aws/audit-trail';
import { kindOf } from '../../lib/kinds';
import { parseSpec } from '../../lib/config/load';
import type { EnvironmentSpec, Spec } from '../../lib/spec/types';
import { stackName } from '../../stacks/environment-stack';
import { example, ofType, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';
import { formatReference } from '../../lib/terraform/reference';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

const EVERY_SOURCE = `
app: shop
environments:
  test:
    aws:   { accountId: "555555555555", region: eu-central-1 }
    gcp:   { projectId: shop-test-1, projectNumber: "5555555555", region: europe-west1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000005, tenantId: 00000000-0000-0000-0000-0000000000bb,
             resourceGroup: rg-shop-test, location: westeurope }
    monitoring:
      notify: [shop@example.com, a.b@example.com, a_b@example.com]
      webhooks: ["https://siem.example.com/hooks/identity"]
      deniedCalls: { threshold: 3, windowMinutes: 10 }
      retentionDays: 365
      aws:   { logGroup: org-trail-logs, snsTopicArn: "arn:aws:sns:eu-central-1:555555555555:secops" }
      gcp:   { notificationChannels: [projects/shop-test-1/notificationChannels/42] }
      azure: { workspaceId: /subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/rg-sec/providers/Microsoft.OperationalInsights/workspaces/sec-logs,
               actionGroupId: /subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/rg-sec/providers/Microsoft.Insights/actionGroups/secops }
resources:
  files:  { kind: bucket, aws: { bucket: "shop-files-{env}" }, gcp: { bucket: "shop-files-{env}" }, azure: { storageAccount: "shopfiles{env}", container: files } }
  token:  { kind: secret, aws: { name: "shop/{env}/token" }, gcp: { secret: token }, azure: { vault: "kv-shop-{env}", secret: token } }
  orders: { kind: queue, aws: { queue: "orders-{env}" }, gcp: { topic: orders, subscription: orders-worker }, azure: { namespace: "sb-shop-{env}", queue: orders } }
workloads:
  on-lambda:   { description: d, owner: o, runsOn: { aws: lambda }, access: [{ resource: files, allow: [read] }] }
  on-run:      { description: d, owner: o, runsOn: { gcp: cloud-run }, access: [{ resource: token, allow: [read] }] }
  on-func:     { description: d, owner: o, runsOn: { azure: functions }, access: [{ resource: orders, allow: [send] }],
                 monitoring: { deniedCalls: { windowMinutes: 15 } } }
  on-k8s:      { description: d, owner: o, runsOn: { kubernetes: { issuer: "https://oidc.example.com", namespace: shop, serviceAccount: api } },
                 access: [{ resource: orders, allow: [consume] }] }
  on-github:   { description: d, owner: o, runsOn: { github: { repository: acme/shop, ref: refs/heads/main } }, access: [{ resource: files, allow: [write] }] }
  on-tfc:      { description: d, owner: o, runsOn: { terraformCloud: { organization: acme, project: shop, workspace: shop-test, runPhase: apply } },
                 clouds: [aws, gcp, azure], access: [] }
  on-oidc:     { description: d, owner: o, runsOn: { oidc: { issuer: "https://ci.example.com", subject: "job:42", audience: shop } },
                 clouds: [aws, gcp, azure], access: [] }
  quiet:       { description: d, owner: o, runsOn: { aws: ec2 }, access: [],
                 monitoring: { optOut: "load test identity, deleted after the run" } }
`;

type Res = Record<string, unknown>;

function checkAws(stack: StackJson, env: EnvironmentSpec, workload: string, optedOut: boolean): void {
  const filter = ofType(stack, 'aws_cloudwatch_log_metric_filter').denied_calls as { log_group_name: string; metric_transformation: { name: string; namespace: string } };
  // audit: the denied-calls filter reads the trail's log group (or the configured one)
  if (env.monitoring.aws.logGroup) {
    expect(filter.log_group_name).toBe(env.monitoring.aws.logGroup);
  } else {
    expect(filter.log_group_name).toBe(formatReference({ type: 'aws_cloudwatch_log_group', name: 'audit', attribute: 'name' }));
    expect((ofType(stack, 'aws_cloudtrail').audit as Res).cloud_watch_logs_group_arn).toContain(formatReference({ type: 'aws_cloudwatch_log_group', name: 'audit', attribute: 'arn' }));
  }
  const alarms = Object.values(ofType(stack, 'aws_cloudwatch_metric_alarm')).filter(
    (a) => Object.values(a.dimensions as Record<string, string>).includes(formatReference({ type: 'aws_iam_role', name: workload, attribute: 'name' })) && a.metric_name === filter.metric_transformation.name,
  );
  if (optedOut) return void expect(alarms).toHaveLength(0);
  expect(alarms).toHaveLength(1);
  const actions = alarms[0].alarm_actions as string[];
  expect(actions).toContain(formatReference({ type: 'aws_sns_topic', name: 'identity_alerts', attribute: 'arn' }));
  if (env.monitoring.aws.snsTopicArn) expect(actions).toContain(env.monitoring.aws.snsTopicArn);
  const subscribed = Object.values(ofType(stack, 'aws_sns_topic_subscription'))
    .filter((s) => s.topic_arn === formatReference({ type: 'aws_sns_topic', name: 'identity_alerts', attribute: 'arn' }))
    .map((s) => `${s.protocol}:${String(s.endpoint).replace(/^\$\{var\.([a-z0-9_]+)\}$/, (_, v: string) => String((stack.variable?.[v] as { default?: unknown }).default))}`);
  for (const email of env.monitoring.notify) expect(subscribed).toContain(`email:${email}`);
  for (const url of env.monitoring.webhooks) expect(subscribed).toContain(`https:${url}`);
}

function checkGcp(stack: StackJson, env: EnvironmentSpec, workload: string, optedOut: boolean): void {
  const w = env.workloads.find((x) => x.name === workload);
  const audited = Object.values(ofType(stack, 'google_project_iam_audit_config'));
  for (const { resource } of w?.grants.filter((g) => g.resource.clouds.gcp) ?? []) {
    const config = audited.find((a) => a.service === kindOf(resource.kind).gcp.audit.service);
    expect((config?.audit_log_config as { log_type: string }[]).map((c) => c.log_type)).toEqual(expect.arrayContaining(['DATA_READ', 'DATA_WRITE']));
  }
  // The policy names the account by the e-mail Google gives it: `<account_id>@<project>.iam.gserviceaccount.com`.
  const accountId = (ofType(stack, 'google_service_account')[workload] as { account_id: string }).account_id;
  const email = `${accountId}@${env.gcp?.projectId}.iam.gserviceaccount.com`;
  const conditionsOf = (p: Res) => (p.conditions as { condition_threshold: { filter: string; aggregations: { group_by_fields?: string[] }[] } }[]).map((c) => c.condition_threshold);
  const policies = Object.values(ofType(stack, 'google_monitoring_alert_policy')).filter((p) => conditionsOf(p).some((c) => c.filter.includes(`metric.labels.principal="${email}"`)));
  if (optedOut) return void expect(policies).toHaveLength(0);
  // one policy, or two when the environment watches more resource types than a policy takes conditions
  expect(policies.length).toBeGreaterThanOrEqual(1);
  expect(new Set(policies.flatMap((p) => conditionsOf(p).map((c) => /resource\.type="([^"]+)"/.exec(c.filter)?.[1]))).size).toBe(policies.flatMap(conditionsOf).length);
  const metric = ofType(stack, 'google_logging_metric').denied_calls as { name: string; filter: string };
  // The environment's metric counts its project's service accounts; the policy selects this one, and groups per caller.
  expect(metric.filter).toContain(`@${env.gcp?.projectId}.iam.gserviceaccount.com`);
  for (const c of policies.flatMap(conditionsOf)) {
    expect(c.filter).toContain(`metric.type="logging.googleapis.com/user/${metric.name}"`);
    expect(c.filter).toContain(`metric.labels.principal="${email}"`);
    expect(c.aggregations[0].group_by_fields).toContain('metric.label.principal');
  }
  // its threshold: its own override, or the environment's
  const own = w?.monitoring.deniedCalls ?? env.monitoring.deniedCalls;
  for (const p of policies) expect(p.display_name as string).toContain(`at least ${own.threshold} in ${own.windowMinutes} min`);
  // routing: every notify address through a channel the policy names, and the configured channels
  const channels = policies[0].notification_channels as string[];
  const emails = Object.entries(ofType(stack, 'google_monitoring_notification_channel'))
    .filter(([name]) => channels.includes(formatReference({ type: 'google_monitoring_notification_channel', name: name, attribute: 'name' })))
    .map(([, c]) => (c.labels as Record<string, string>).email_address);
  expect(emails).toEqual(expect.arrayContaining([...env.monitoring.notify]));
  expect(channels).toEqual(expect.arrayContaining([...env.monitoring.gcp.notificationChannels]));
}

function checkAzure(stack: StackJson, env: EnvironmentSpec, workload: string, optedOut: boolean): void {
  const workspace = env.monitoring.azure.workspaceId ?? formatReference({ type: 'azurerm_log_analytics_workspace', name: 'audit', attribute: 'id' });
  const settings = Object.values(ofType(stack, 'azurerm_monitor_diagnostic_setting'));
  const activity = settings.find((s) => s.target_resource_id === `/subscriptions/${env.azure?.subscriptionId}`);
  expect(activity?.log_analytics_workspace_id).toBe(workspace);
  const w = env.workloads.find((x) => x.name === workload);
  for (const { resource } of w?.grants.filter((g) => g.resource.clouds.azure) ?? []) {
    const name = Object.values(resource.clouds.azure as Record<string, string>).find((v) => settings.some((s) => (s.target_resource_id as string).includes(`/${v}`)));
    expect(name).toBeDefined();
  }
  const principal = formatReference({ type: 'azurerm_user_assigned_identity', name: workload, attribute: 'principal_id' });
  const rules = Object.values(ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')).filter((r) =>
    (r.criteria as { query: string }[]).some((c) => c.query.includes(principal)),
  );
  if (optedOut) return void expect(rules).toHaveLength(0);
  expect(rules).toHaveLength(1);
  expect(rules[0].scopes).toEqual([workspace]);
  const groups = (rules[0].action as { action_groups: string[] }).action_groups;
  expect(groups).toContain(formatReference({ type: 'azurerm_monitor_action_group', name: 'identity_alerts', attribute: 'id' }));
  if (env.monitoring.azure.actionGroupId) expect(groups).toContain(env.monitoring.azure.actionGroupId);
  const receivers = (ofType(stack, 'azurerm_monitor_action_group').identity_alerts.email_receiver as { email_address: string }[]).map((r) => r.email_address);
  expect(receivers).toEqual(expect.arrayContaining([...env.monitoring.notify]));
}

/** Every alert of a stack triggers at least one action. */
function checkNoSilentAlert(stack: StackJson): void {
  for (const a of Object.values(ofType(stack, 'aws_cloudwatch_metric_alarm'))) expect((a.alarm_actions as string[]).length).toBeGreaterThan(0);
  for (const p of Object.values(ofType(stack, 'google_monitoring_alert_policy'))) expect((p.notification_channels as string[]).length).toBeGreaterThan(0);
  for (const r of Object.values(ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')))
    expect((r.action as { action_groups: string[] }).action_groups.length).toBeGreaterThan(0);
}

const configs: [string, string][] = [
  ['examples/identity.yaml', example('identity.yaml')],
  ['examples/aws-only.yaml', example('aws-only.yaml')],
  ['every source kind, existing targets, override, opt-out', EVERY_SOURCE],
];

describe.each(configs)('every identity of %s is monitored', (_name, yaml) => {
  const spec: Spec = parseSpec(yaml, 'test.yaml');
  const stacks = synthStacks(spec);

  it('has audit, a denied-call alert naming it, and a route to every notify address, on every cloud', () => {
    let checked = 0;
    for (const env of spec.environments) {
      const stack = stacks[stackName(spec.app, env.name)];
      checkNoSilentAlert(stack);
      const optedOut = (name: string) => !!env.workloads.find((w) => w.name === name)?.monitoring.optOut;
      // Walk the synthesized identities, not the spec: an identity the spec does not explain still needs monitoring.
      for (const [name, role] of Object.entries(ofType(stack, IDENTITY_RESOURCES.aws.type))) {
        const tagged = (role.tags as Record<string, string> | undefined)?.workload;
        // The trail's own delivery role is trusted by CloudTrail alone and serves no workload.
        if (!tagged || tagged === AUDIT_DELIVERY_WORKLOAD) continue;
        checkAws(stack, env, name, optedOut(name));
        checked++;
      }
      for (const name of Object.keys(ofType(stack, IDENTITY_RESOURCES.gcp.type))) {
        checkGcp(stack, env, name, optedOut(name));
        checked++;
      }
      for (const name of Object.keys(ofType(stack, IDENTITY_RESOURCES.azure.type))) {
        checkAzure(stack, env, name, optedOut(name));
        checked++;
      }
    }
    expect(checked).toBe(spec.environments.reduce((n, e) => n + e.workloads.reduce((m, w) => m + w.clouds.length, 0), 0));
  });
});

describe('the neutral threshold on each cloud', () => {
  const stack = synthStacks(EVERY_SOURCE)['shop-test'];

  it('is the environment default, or the workload override, on all three clouds alike', () => {
    const alarm = ofType(stack, 'aws_cloudwatch_metric_alarm')['denied_on-lambda'];
    expect([alarm.threshold, alarm.period, alarm.comparison_operator]).toEqual([3, 600, 'GreaterThanOrEqualToThreshold']);
    const policy = ofType(stack, 'google_monitoring_alert_policy')['denied_calls_3_in_10m_1'] as { conditions: { condition_threshold: Res }[] };
    const condition = policy.conditions[0].condition_threshold as { threshold_value: number; comparison: string; aggregations: { alignment_period: string }[] };
    expect([condition.threshold_value, condition.comparison, condition.aggregations[0].alignment_period]).toEqual([2, 'COMPARISON_GT', '600s']);
    const rule = ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')['denied_on-func'] as Res;
    expect([rule.window_duration, rule.evaluation_frequency, (rule.criteria as Res[])[0].threshold]).toEqual(['PT15M', 'PT5M', 3]);
  });

  it('makes no trail, topic-less route or workspace where existing ones are named', () => {
    expect(ofType(stack, 'aws_cloudtrail')).toEqual({});
    expect(ofType(stack, 'azurerm_log_analytics_workspace')).toEqual({});
    expect(Object.keys(ofType(stack, 'aws_sns_topic_subscription')).sort()).toEqual([
      'notify_a_b_example_com_1',
      'notify_a_b_example_com_2',
      'notify_shop_example_com',
      expect.stringMatching(/^notify_webhook_[0-9a-f]{10}$/), // a hash: the URL's path may hold a token
    ]);
  });
});
