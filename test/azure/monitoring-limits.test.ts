/**
 * Azure Monitor limits the synthesized monitoring would exceed are refused at load, with the
 * config path: one-minute windows (Azure does not run a union at that frequency), log search
 * alert rules per workspace and per subscription, action group receivers. Each number is the
 * documented limit (lib/azure/monitoring-limits.ts cites them); the synthesized counts come from
 * the stacks, so a change in what is emitted per identity shows here.
 */
import { AZURE_MONITORING_LIMITS } from '../../lib/azure/monitoring-limits';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { ofType, synthStacks } from '../helpers/synth';

const env = (name: string, sub: string, monitoring = '{ notify: [a@example.com] }') => `
  ${name}:
    azure: { subscriptionId: 00000000-0000-0000-0000-00000000000${sub}, tenantId: 00000000-0000-0000-0000-0000000000bb, resourceGroup: rg-${name}, location: westeurope }
    monitoring: ${monitoring}`;

const config = (envs: string, workloads: number, extra = '') => `
app: shop
environments:${envs}
resources:
  files: { kind: bucket, azure: { storageAccount: "shopfiles{env}", container: files } }
workloads:
${Array.from({ length: workloads }, (_, i) => `  w${i}: { description: d, owner: o, runsOn: { azure: functions }, access: [{ resource: files, allow: [read] }]${extra} }`).join('\n')}
`;

const problems = (yaml: string): string[] => {
  try {
    parseSpec(yaml, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    throw err;
  }
  return [];
};

describe('Azure monitoring limits', () => {
  it('refuses a one-minute window where an Azure rule would be made, at the path that set it, with the reason', () => {
    const atEnv = problems(config(env('test', '5', '{ notify: [a@example.com], deniedCalls: { windowMinutes: 1 } }'), 2));
    expect(atEnv).toEqual([expect.stringMatching(/^environments\.test\.monitoring\.deniedCalls\.windowMinutes: environment test: Azure cannot evaluate a 1-minute window: .*union.*alerts-create-log-alert-rule#frequency/)]);
    const atWorkload = problems(config(env('test', '5'), 1, ', monitoring: { deniedCalls: { windowMinutes: 1 } }'));
    expect(atWorkload).toEqual([expect.stringMatching(/^workloads\.w0\.monitoring\.deniedCalls\.windowMinutes: workload w0: Azure cannot/)]);
    // Opted out: no rule, nothing to refuse.
    expect(problems(config(env('test', '5', '{ notify: [a@example.com], deniedCalls: { windowMinutes: 1 } }'), 1, ', monitoring: { optOut: "load test identity, deleted after" }'))).toEqual([]);
  });

  it('makes one rule per identity, every rule on the workspace: over 1,000 in one workspace is refused, 1,000 pass', () => {
    const stack = synthStacks(config(env('test', '5'), 3))['shop-test'];
    const rules = Object.values(ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2'));
    expect(rules).toHaveLength(3);
    expect(new Set(rules.map((r) => JSON.stringify(r.scopes)))).toEqual(new Set([JSON.stringify(['${azurerm_log_analytics_workspace.audit.id}'])]));
    const max = AZURE_MONITORING_LIMITS.logAlertRulesPerResource.max;
    expect(max).toBe(1000);
    expect(problems(config(env('test', '5'), max))).toEqual([]);
    expect(problems(config(env('test', '5'), max + 1))).toEqual([expect.stringMatching(/^environments\.test: 1,001 Azure identities .* at most 1,000 log search alert rules .*service-limits#alerts/)]);
  });

  it('counts every environment of one subscription against its 5,000 rules, and of one shared workspace against 1,000', () => {
    const ws = '/subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/shared';
    const shared = `{ notify: [a@example.com], azure: { workspaceId: ${ws} } }`;
    const both = problems(config(env('dev', '5', shared) + env('prod', '5', shared), 600));
    expect(both).toEqual([expect.stringMatching(/^environments\.dev\.monitoring\.azure\.workspaceId: 1,200 Azure identities .* \(dev, prod\)/)]);
    expect(AZURE_MONITORING_LIMITS.logAlertRulesPerSubscription.max).toBe(5000);
    const sixEnvs = ['a', 'b', 'c', 'd', 'e', 'f'].map((e) => env(`e${e}`, '5')).join('');
    expect(problems(config(sixEnvs, 900))).toEqual([
      expect.stringMatching(/^environments\.ea\.azure\.subscriptionId: 5,400 Azure identities .* subscription 00000000-0000-0000-0000-000000000005 .* at most 5,000/),
      // Each identity also holds one role assignment there: over Azure's 4,000 too (test/azure/identity-api-rules.test.ts).
      expect.stringMatching(/^environments\.ea\.azure\.subscriptionId: 5,400 role assignments .* Azure allows 4,000 per subscription/),
    ]);
  }, 60_000);

  it('refuses more webhooks or addresses than an action group holds, and addresses too long for it', () => {
    const hooks = Array.from({ length: 11 }, (_, i) => `"https://h${i}.example.com/x"`).join(', ');
    expect(problems(config(env('test', '5', `{ notify: [a@example.com], webhooks: [${hooks}] }`), 1))).toEqual([
      expect.stringMatching(/^environments\.test\.monitoring\.webhooks: 11 webhooks: an Azure action group holds at most 10/),
    ]);
    const long = `${'a'.repeat(60)}@example.com`;
    expect(problems(config(env('test', '5', `{ notify: [ok@example.com, ${long}] }`), 1))).toEqual([expect.stringMatching(/^environments\.test\.monitoring\.notify\.1: "a{40}"… is 72 characters/)]);
  });
});
