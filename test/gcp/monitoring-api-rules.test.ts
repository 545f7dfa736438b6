/**
 * Every synthesized GCP stack of every example and test config, held against the API rules the
 * google provider does not check (lib/gcp/monitoring-api-rules.ts, each row citing its source); the
 * rules themselves proven on known-bad cases taken from the provider's issue tracker; and the
 * quotas refused at load with the config path and the limit.
 */
import * as fs from 'node:fs';
import { ALERT_POLICIES_PER_PROJECT, CHANNELS_PER_POLICY, GCP_MONITORING_API_RULES, checkGcpMonitoringApiRules } from '../../lib/gcp/monitoring-api-rules';
import type { GcpApiRuleId } from '../../lib/gcp/monitoring-api-rules';
import type { NamedStackJson } from '../../lib/terraform/stack-json';
import { THRESHOLD_FILTER_LIMIT, planGcpMonitoring } from '../../lib/gcp/monitoring-plan';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, withServiceAccountQuota, workload } from '../helpers/configs';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import { EXAMPLES_DIR, example, ofType, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

/** A webhook whose path carries its token, as Slack's and many SIEMs' do. */
const WEBHOOK = 'https://hooks.example.com/services/T0001/B0001/s3cr3tT0k3n';

const EVERY_SOURCE = config(
  [
    workload('on-lambda', '{ aws: lambda }', ['{ resource: bucket, allow: [read] }']),
    workload('on-run', '{ gcp: cloud-run }', ['{ resource: secret, allow: [read] }']),
    workload('on-func', '{ azure: functions }', ['{ resource: queue, allow: [send] }'], '    monitoring: { deniedCalls: { threshold: 4, windowMinutes: 15 } }\n'),
    workload('on-k8s', '{ kubernetes: { issuer: "https://oidc.example.com", namespace: shop, serviceAccount: api } }', ['{ resource: topic, allow: [publish] }']),
    workload('on-vm', '{ gcp: compute }', ['{ resource: key, allow: [decrypt] }']),
    workload('on-github', '{ github: { repository: acme/shop, ref: refs/heads/main } }', ['{ resource: bucket, allow: [write] }']),
    // No grants: these two ask for every cloud, so each cloud's monitoring covers a federated identity with nothing else on it.
    workload('on-tfc', '{ terraformCloud: { organization: acme, project: shop, workspace: shop-dev, runPhase: apply } }', [], '    clouds: [aws, gcp, azure]\n    monitoring: { deniedCalls: { threshold: 2, windowMinutes: 1440 } }\n'),
    // A 1-minute window: Azure refuses one for its alerts (lib/azure/monitoring-limits.ts), so this workload is on AWS and GCP only.
    workload('on-tfc-plan', '{ terraformCloud: { organization: acme, project: shop, workspace: shop-dev, runPhase: plan } }', [], '    clouds: [aws, gcp]\n    monitoring: { deniedCalls: { windowMinutes: 1 } }\n'),
    workload('on-oidc', '{ oidc: { issuer: "https://ci.example.com", subject: "job:42", audience: shop } }', [], '    clouds: [aws, gcp, azure]\n'),
    workload('quiet', '{ gcp: compute }', [], '    monitoring: { optOut: "load test identity, deleted after the run" }\n'),
  ].join(''),
  threeCloudEnvironment().replace('notify: [secops@example.com]', `notify: [secops@example.com], webhooks: ["${WEBHOOK}"]`),
);

/** Two environments in one GCP project. */
const SHARED_PROJECT = config(
  workload('api', '{ github: { repository: acme/api, environment: "{env}" } }', ['{ resource: bucket, allow: [read] }', '{ resource: secret, allow: [read] }']),
  threeCloudEnvironment('dev').replace('acme-dev', 'acme-shared') + threeCloudEnvironment('stage').replace('acme-stage', 'acme-shared'),
);

/** Enough long-named workloads that one threshold's members take several policies (in a project whose service account quota was raised). */
const MANY = config(
  Array.from({ length: 120 }, (_, i) => workload(`worker-with-a-long-name-${String(i).padStart(3, '0')}`, '{ gcp: cloud-run }', ['{ resource: bucket, allow: [read] }'])).join(''),
  withServiceAccountQuota(threeCloudEnvironment(), 200),
);

/** Sharded: the monitoring lives in the environment's shared stack. */
const SHARDED = config(
  Array.from({ length: 12 }, (_, i) => workload(`svc-${i}`, '{ github: { repository: acme/svc, environment: "{env}" } }', ['{ resource: queue, allow: [consume] }'])).join(''),
  threeCloudEnvironment('dev', '\n    shards: 3'),
);

const CONFIGS: [string, string][] = [
  ...fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => [`examples/${f}`, example(f)] as [string, string]),
  ['every level (test/helpers/every-level.ts)', EVERY_LEVEL_CONFIG],
  ['every source kind, an override and an opt-out', EVERY_SOURCE],
  ['two environments in one project', SHARED_PROJECT],
  ['120 workloads of one threshold', MANY],
  ['a sharded environment', SHARDED],
];

/** Each config synthesized once for the whole file (the tests below only read the stacks, or copy them). */
const synthesized = new Map<string, Record<string, StackJson>>();
const synthOnce = (yaml: string) => synthesized.get(yaml) ?? synthesized.set(yaml, synthStacks(yaml)).get(yaml)!;

const asInput = (stacks: Record<string, StackJson>): NamedStackJson[] =>
  Object.entries(stacks).map(([name, json]) => ({ name, json: json }));

describe.each(CONFIGS)('the GCP stacks of %s', (_name, yaml) => {
  const stacks = synthOnce(yaml);

  it('break none of the API rules, each stack alone and all together', () => {
    expect(checkGcpMonitoringApiRules(asInput(stacks))).toEqual([]);
  });
});

describe('the checks see what a real apply would refuse', () => {
  const stacks = synthOnce(EVERY_SOURCE);
  const name = Object.keys(stacks)[0];
  const rulesBroken = (mutate: (json: StackJson) => void): GcpApiRuleId[] => {
    const json = JSON.parse(JSON.stringify(stacks[name])) as StackJson;
    mutate(json);
    return [...new Set(checkGcpMonitoringApiRules([{ name, json: json }]).map((v) => v.rule))];
  };
  const firstPolicy = (json: StackJson) => Object.values(ofType(json, 'google_monitoring_alert_policy'))[0] as { conditions: { condition_threshold: Record<string, unknown> }[]; depends_on?: string[] };

  it('a filter on a log metric without resource.type (the shape of hashicorp/terraform-provider-google#7179), or with two', () => {
    const filter = (json: StackJson) => String(firstPolicy(json).conditions[0].condition_threshold.filter);
    const set = (json: StackJson, f: string) => (firstPolicy(json).conditions[0].condition_threshold.filter = f);
    expect(rulesBroken((json) => set(json, filter(json).replace(/ AND resource\.type="[^"]+"/, '')))).toEqual(['threshold-filter-resource-type']);
    expect(rulesBroken((json) => set(json, `${filter(json)} AND resource.type="global"`))).toEqual(['threshold-filter-resource-type']);
  });

  it('a policy created with its log metric and no wait (hashicorp/terraform-provider-google#11102, its configuration)', () => {
    expect(rulesBroken((json) => delete firstPolicy(json).depends_on)).toEqual(['user-metric-waited-for']);
    expect(rulesBroken((json) => ((ofType(json, 'time_sleep').new_metrics_queryable as Record<string, unknown>).create_duration = '30s'))).toContain('user-metric-waited-for');
  });

  it('a duration that is not whole minutes, an alignment under 60 s, an over-long filter', () => {
    expect(rulesBroken((json) => (firstPolicy(json).conditions[0].condition_threshold.duration = '90s'))).toEqual(['threshold-duration-minutes']);
    for (const period of ['30s', '90060s']) {
      expect(rulesBroken((json) => ((firstPolicy(json).conditions[0].condition_threshold.aggregations as Record<string, unknown>[])[0].alignment_period = period))).toEqual([
        'alignment-period',
      ]);
    }
    expect(
      rulesBroken((json) => {
        const c = firstPolicy(json).conditions[0].condition_threshold;
        c.filter = `${String(c.filter)} AND ${'metric.labels.principal!="x" AND '.repeat(80)}metric.labels.principal!="y"`;
      }),
    ).toEqual(['threshold-filter-length']);
  });

  it('a cross-series reducer without an aligner, documentation over 10,240 bytes or not Markdown', () => {
    const agg = (json: StackJson) => (firstPolicy(json).conditions[0].condition_threshold.aggregations as Record<string, unknown>[])[0];
    expect(rulesBroken((json) => delete agg(json).per_series_aligner)).toEqual(['cross-series-needs-aligner']);
    const doc = (json: StackJson) => (firstPolicy(json) as unknown as { documentation: Record<string, unknown> }).documentation;
    expect(rulesBroken((json) => (doc(json).content = 'é'.repeat(6000)))).toEqual(['documentation-content']);
    expect(rulesBroken((json) => (doc(json).mime_type = 'text/plain'))).toEqual(['documentation-content']);
  });

  it('a condition with two condition types, or none', () => {
    const condition = (json: StackJson) => firstPolicy(json).conditions[0] as Record<string, unknown>;
    expect(rulesBroken((json) => (condition(json).condition_matched_log = { filter: 'severity>=ERROR' }))).toContain('one-condition-type');
    expect(rulesBroken((json) => delete condition(json).condition_threshold)).toEqual(['one-condition-type']);
  });

  it('seven conditions, a webhook URL in a channel name, two stacks owning one audit config', () => {
    expect(rulesBroken((json) => firstPolicy(json).conditions.push(...Array.from({ length: 7 }, () => firstPolicy(json).conditions[0])))).toEqual(['conditions-per-policy']);
    expect(
      rulesBroken((json) => {
        const channel = Object.values(ofType(json, 'google_monitoring_notification_channel'))[0] as { display_name: string };
        channel.display_name = 'alerts: https://hooks.example.com/T000/B000/secret';
      }),
    ).toEqual(['channel-no-url-in-name']);
    const twice = checkGcpMonitoringApiRules([
      { name: 'a', json: stacks[name] },
      { name: 'b', json: stacks[name] },
    ]).map((v) => v.rule);
    expect(twice).toContain('audit-config-one-owner');
  });

  it('more alert policies or log metrics in one project than its quota, over several stacks', () => {
    const policy = firstPolicy(stacks[name]);
    const metric = Object.values(ofType(stacks[name], 'google_logging_metric'))[0];
    const many = (n: number, offset: number): NamedStackJson => ({
      name: `s${offset}`,
      json: {
        resource: {
          google_monitoring_alert_policy: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { ...policy, conditions: [], project: 'shared' }])),
          google_logging_metric: Object.fromEntries(Array.from({ length: n / 4 }, (_, i) => [`m${i}`, { ...metric, name: `m-${offset}-${i}`, project: 'shared' }])),
        },
      },
    });
    const rules = checkGcpMonitoringApiRules([many(1000, 0), many(1004, 1)]).map((v) => v.rule);
    expect(rules).toContain('alert-policies-per-project');
    expect(rules).toContain('log-metrics-per-project');
    expect(checkGcpMonitoringApiRules([many(1000, 0)]).map((v) => v.rule)).not.toContain('alert-policies-per-project');
  });

  it('cites a source for every rule', () => {
    for (const rule of Object.values(GCP_MONITORING_API_RULES)) expect(rule.source).toMatch(/https:\/\/|\.go:\d|\.markdown:\d|#\d+|issue/);
  });
});

describe('a webhook URL', () => {
  const stack = Object.values(synthOnce(EVERY_SOURCE))[0];

  it('appears once per cloud, as the default of a sensitive variable its alert target reads: in no name, display name or address', () => {
    const places: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string' && v.includes('s3cr3t')) places.push(path);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k.includes('s3cr3t')) places.push(`${path}.${k} (a key)`);
          walk(x, `${path}.${k}`);
        }
      }
    };
    walk(stack.resource, 'resource');
    walk(stack.variable, 'variable');
    const variable = (cloud: string) => `\${var.${cloud}_webhook_${/_webhook_([0-9a-f]{10})_url/.exec(places[0])?.[1]}_url}`;
    expect(places.sort()).toEqual(['aws', 'azure', 'gcp'].map((cloud) => expect.stringMatching(new RegExp(`^variable\\.${cloud}_webhook_[0-9a-f]{10}_url\\.default$`))));
    for (const [name, v] of Object.entries(stack.variable ?? {})) if (name.includes('_webhook_')) expect((v as { sensitive?: boolean }).sensitive).toBe(true);
    const channel = Object.entries(ofType(stack, 'google_monitoring_notification_channel')).find(([a]) => a.startsWith('notify_webhook_')) as [string, Record<string, unknown>];
    expect(channel[1].labels).toEqual({ url: variable('gcp') });
    expect(channel[1].display_name).not.toMatch(/https?:/);
    expect(Object.values(ofType(stack, 'aws_sns_topic_subscription')).filter((s) => s.protocol === 'https').map((s) => s.endpoint)).toEqual([variable('aws')]);
    const receivers = Object.values(ofType(stack, 'azurerm_monitor_action_group')).flatMap((g) => g.webhook_receiver as Record<string, unknown>[]);
    expect(receivers.map((r) => r.service_uri)).toEqual([variable('azure')]);
  });
});

describe('one owner per (project, service) audit config', () => {
  const stacks = synthOnce(SHARED_PROJECT);
  const audited = (stack: string) => Object.values(ofType(stacks[stack], 'google_project_iam_audit_config')).map((a) => a.service);

  it('the first environment of the project manages them all; the other relies on it', () => {
    expect(audited('acme-dev').sort()).toEqual(['iamcredentials.googleapis.com', 'secretmanager.googleapis.com', 'storage.googleapis.com', 'sts.googleapis.com']);
    expect(audited('acme-stage')).toEqual([]);
    // Both still alert on their own accounts.
    for (const stack of ['acme-dev', 'acme-stage']) expect(Object.keys(ofType(stacks[stack], 'google_monitoring_alert_policy')).length).toBeGreaterThan(0);
  });
});

describe('denied-call policies per threshold, grouped per caller', () => {
  const spec = parseSpec(MANY, 'many.yaml');
  const plan = planGcpMonitoring(spec.app, spec.environments[0]);

  it('hold every member once, in as few policies as the filter limit allows', () => {
    const members = plan.deniedPolicies.flatMap((p) => p.members);
    expect(members).toHaveLength(120);
    expect(new Set(members).size).toBe(120);
    expect(plan.deniedPolicies.length).toBeGreaterThan(1);
    for (const p of plan.deniedPolicies) for (const c of p.conditions) expect(c.filter.length).toBeLessThanOrEqual(THRESHOLD_FILTER_LIMIT);
    // maximal: the next group's first member would not have fitted into the group before it
    const groups = [...new Map(plan.deniedPolicies.map((p) => [p.members[0], p])).values()];
    for (const [i, p] of groups.entries()) {
      const next = groups[i + 1]?.members[0];
      if (!next) continue;
      const conditions = plan.deniedPolicies.filter((q) => q.members[0] === p.members[0]).flatMap((q) => q.conditions);
      const grown = conditions.map(
        (c) => c.filter.length + ` OR metric.labels.principal="${next}"`.length + (c.filter.includes('resource.type="service_account"') ? ` OR resource.labels.email_id="${next}"`.length : 0),
      );
      expect(Math.max(...grown)).toBeGreaterThan(THRESHOLD_FILTER_LIMIT);
    }
  });

  it('watch every audited resource type, at most six conditions per policy', () => {
    const spec7 = parseSpec(EVERY_SOURCE, 'every.yaml');
    const p7 = planGcpMonitoring(spec7.app, spec7.environments[0]);
    const types = (p: { conditions: readonly { filter: string }[] }) => p.conditions.map((c) => /resource\.type="([^"]+)"/.exec(c.filter)?.[1]);
    const first = p7.deniedPolicies.filter((p) => p.address.startsWith('denied_calls_1_in_5m_1'));
    expect(first.map((p) => p.address)).toEqual(['denied_calls_1_in_5m_1', 'denied_calls_1_in_5m_1_b']);
    expect(first.flatMap(types).sort()).toEqual(['audited_resource', 'cloudkms_cryptokey', 'gcs_bucket', 'project', 'pubsub_subscription', 'pubsub_topic', 'service_account']);
    for (const p of first) expect(p.conditions.length).toBeLessThanOrEqual(6);
  });
});

describe('quotas refused at load, with the path and the limit', () => {
  const load = (yaml: string) => {
    try {
      parseSpec(yaml, 'quota.yaml');
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return '';
  };

  it(`more than ${CHANNELS_PER_POLICY} notification channels for one policy`, () => {
    const notify = Array.from({ length: 17 }, (_, i) => `a${i}@example.com`).join(', ');
    const env = threeCloudEnvironment().replace('notify: [secops@example.com]', `notify: [${notify}]`);
    const message = load(config(workload('api', '{ gcp: cloud-run }'), env));
    expect(message).toContain('environments.dev.monitoring');
    expect(message).toContain(`at most ${CHANNELS_PER_POLICY}`);
  });

  it(`more than ${ALERT_POLICIES_PER_PROJECT} alert policies in one project`, () => {
    // Every distinct threshold is a policy: 2,001 workloads with thresholds of their own.
    const workloads = Array.from({ length: ALERT_POLICIES_PER_PROJECT + 1 }, (_, i) =>
      workload(`w${i}`, '{ gcp: cloud-run }', [], `    monitoring: { deniedCalls: { threshold: ${i + 1} } }\n`),
    ).join('');
    const message = load(config(workloads));
    expect(message).toContain('environments.dev.gcp.projectId');
    expect(message).toContain(`${ALERT_POLICIES_PER_PROJECT + 1} alert policies`);
    expect(message).toContain(`allows ${ALERT_POLICIES_PER_PROJECT} per project`);
  });
});
