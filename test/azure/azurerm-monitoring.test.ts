/**
 * Every attribute of every Azure monitoring resource synthesized from the examples and from a
 * config with every resource kind, held against azurerm 4.55's own rules (azurerm-monitoring-rules.ts,
 * transcribed from the provider source with file and line). An attribute emitted without a rule fails.
 */
import { ofType, example, synthStacks } from '../helpers/synth';
import { AZURERM_RULES } from './azurerm-monitoring-rules';

const EVERY_KIND = `
app: shop
environments:
  test:
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000005, tenantId: 00000000-0000-0000-0000-0000000000bb, resourceGroup: rg-shop-test, location: westeurope }
    monitoring: { notify: [shop@example.com], webhooks: ["https://siem.example.com/hook"], retentionDays: 545, deniedCalls: { windowMinutes: 1440 } }
resources:
  files:  { kind: bucket, azure: { storageAccount: "shopfiles{env}", container: files } }
  token:  { kind: secret, azure: { vault: "kv-shop-{env}", secret: token } }
  orders: { kind: queue, azure: { namespace: "sb-shop-{env}", queue: orders } }
workloads:
  a: { description: d, owner: o, runsOn: { azure: functions }, access: [{ resource: orders, allow: [send] }, { resource: token, allow: [read] }, { resource: files, allow: [read] }] }
`;

/** Leaf values of a resource config as `block.attr` paths (blocks may be lists of objects). */
function leaves(value: unknown, at = ''): [string, unknown][] {
  if (Array.isArray(value) && value.length === 0 && at.endsWith('_receiver')) return []; // no receiver block of that kind
  if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return value.flatMap((v) => leaves(v, at));
  if (value && typeof value === 'object' && !Array.isArray(value) && at !== 'tags' && !at.endsWith('.tags'))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
  return [[at, value]];
}

describe('Azure monitoring attributes against azurerm 4.55', () => {
  const stacks = [example('identity.yaml'), EVERY_KIND].flatMap((yaml) => Object.values(synthStacks(yaml)));

  it.each(Object.keys(AZURERM_RULES))('%s: every emitted attribute has a rule of the provider and passes it', (type) => {
    let checked = 0;
    for (const stack of stacks) {
      for (const [name, config] of Object.entries(ofType(stack, type))) {
        for (const [attr, leaf] of leaves(config)) {
          // A variable's value meets the attribute's ValidateFunc at plan, as the attribute's own would.
          const variable = typeof leaf === 'string' ? /^\$\{var\.([a-z0-9_]+)\}$/.exec(leaf)?.[1] : undefined;
          const value = variable ? (stack.variable?.[variable] as { default?: unknown } | undefined)?.default : leaf;
          const rule = AZURERM_RULES[type][attr];
          expect({ name, attr, known: !!rule }).toEqual({ name, attr, known: true });
          expect({ name, attr, value, source: rule.source, ok: rule.check(value) }).toEqual({ name, attr, value, source: rule.source, ok: true });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('sets log_analytics_destination_type only on Service Bus, whose runtime audit logs reach AZMSRuntimeAuditLogs in resource-specific mode', () => {
    const settings = stacks.flatMap((s) => Object.values(ofType(s, 'azurerm_monitor_diagnostic_setting')));
    const typed = settings.filter((s) => 'log_analytics_destination_type' in s);
    expect(typed.length).toBeGreaterThan(0);
    for (const s of typed) {
      expect(s.target_resource_id).toMatch(/\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+$/);
      expect(s.enabled_log).toEqual([{ category: 'RuntimeAuditLogs' }]);
    }
    for (const s of settings.filter((x) => !('log_analytics_destination_type' in x))) expect(s.target_resource_id).not.toMatch(/ServiceBus/);
  });
});

describe('existing diagnostic settings (a workspace already fed: Azure answers a second setting of the same category with 409)', () => {
  const ws = '/subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/rg-sec/providers/Microsoft.OperationalInsights/workspaces/sec-logs';
  const withReuse = (azure: string) => EVERY_KIND.replace('retentionDays: 545,', `retentionDays: 545, azure: ${azure},`);

  it('makes no diagnostic setting when reuseDiagnosticSettings names the workspace they send to, and still alerts', () => {
    const stack = Object.values(synthStacks(withReuse(`{ workspaceId: ${ws}, reuseDiagnosticSettings: true }`)))[0];
    expect(ofType(stack, 'azurerm_monitor_diagnostic_setting')).toEqual({});
    const rules = Object.values(ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2'));
    expect(rules.map((r) => r.scopes)).toEqual([[ws]]);
  });

  it('refuses reuseDiagnosticSettings without the workspace, at its path', () => {
    expect(() => synthStacks(withReuse('{ reuseDiagnosticSettings: true }'))).toThrow(/environments\.test\.monitoring\.azure\.reuseDiagnosticSettings: .*set workspaceId/);
  });
});
