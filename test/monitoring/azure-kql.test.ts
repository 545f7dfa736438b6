/**
 * Every denied-calls query the project synthesizes, parsed and analysed by Microsoft's Kusto
 * language service (@kusto/language-service-next) against the documented schemas of the tables
 * it reads (test/monitoring/azure-tables/, from the Azure Monitor table reference), in every
 * state a workspace meets: no table yet, each one alone, all but each, all of them, and AzureDiagnostics
 * before and after a vault's first log line. Zero error diagnostics in every state, and the
 * result the rule totals is (TimeGenerated: datetime, DeniedCalls: long) in every state.
 */
import { DENIED_CALLS_COLUMN } from '../../lib/azure/denied-calls-query';
import type { DeniedCallsTable } from '../../lib/azure/denied-calls-query';
import { analyse, TABLE_SCHEMAS, workspaceStates } from '../helpers/kusto';
import { example, ofType, synthStacks } from '../helpers/synth';

const EVERY_KIND = `
app: shop
environments:
  test:
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000005, tenantId: 00000000-0000-0000-0000-0000000000bb,
             resourceGroup: rg-shop-test, location: westeurope }
    monitoring: { notify: [shop@example.com], deniedCalls: { threshold: 3, windowMinutes: 10 } }
resources:
  files:  { kind: bucket, azure: { storageAccount: "shopfiles{env}", container: files } }
  token:  { kind: secret, azure: { vault: "kv-shop-{env}", secret: token } }
  orders: { kind: queue, azure: { namespace: "sb-shop-{env}", queue: orders } }
workloads:
  on-func: { description: d, owner: o, runsOn: { azure: functions }, access: [{ resource: orders, allow: [send] }, { resource: token, allow: [read] }] }
  on-k8s:  { description: d, owner: o, runsOn: { kubernetes: { issuer: "https://oidc.example.com/", namespace: shop, serviceAccount: api } },
             access: [{ resource: files, allow: [read, write] }], monitoring: { deniedCalls: { windowMinutes: 60 } } }
`;

interface Rule {
  criteria: { query: string; time_aggregation_method: string; metric_measure_column?: string }[];
  evaluation_frequency: string;
  window_duration: string;
  skip_query_validation?: boolean;
}

const rules: [string, Rule][] = [];
for (const yaml of [example('identity.yaml'), EVERY_KIND]) {
  for (const [stack, json] of Object.entries(synthStacks(yaml))) {
    for (const [name, rule] of Object.entries(ofType(json, 'azurerm_monitor_scheduled_query_rules_alert_v2'))) rules.push([`${stack}/${name}`, rule as unknown as Rule]);
  }
}
/** A query with its Terraform references as the GUIDs they become at apply. */
const applied = (query: string) => query.replace(/\$\{[^}]+\}/g, '11111111-2222-3333-4444-555555555555');
const queries = rules.flatMap(([name, r]) => r.criteria.map((c) => [name, c.query] as const));
const TABLES = Object.keys(TABLE_SCHEMAS) as DeniedCallsTable[];
const states = workspaceStates(TABLES);

describe('the synthesized denied-calls queries', () => {
  it('exist for every Azure identity of the configs, and read only tables whose schema the project carries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const [, query] of queries) {
      const read = [...query.matchAll(/\(\s*([A-Za-z]+) \|/g)].map((m) => m[1]);
      expect(read.sort()).toEqual([...TABLES].sort());
    }
  });

  it('compile with zero error diagnostics in every workspace state, and always return what the rule totals', () => {
    const shapes = [...new Set(queries.map(([, q]) => applied(q)))];
    let analysed = 0;
    for (const query of shapes) {
      for (const state of states) {
        const { errors, resultColumns } = analyse(query, state);
        expect({ state: state.name, errors }).toEqual({ state: state.name, errors: [] });
        // The analyser may type an unresolved fuzzy leg's columns as `unknown` (TimeGenerated_unknown beside
        // TimeGenerated_datetime); Kusto drops such a leg before it runs. With every table present it is exact.
        const { [DENIED_CALLS_COLUMN]: denied, ...time } = resultColumns;
        expect(denied).toBe('long');
        if (TABLES.every((t) => t in state.tables)) expect(time).toEqual({ TimeGenerated: 'datetime' });
        else expect(Object.entries(time).filter(([c, t]) => !(c.startsWith('TimeGenerated') && ['datetime', 'unknown'].includes(t)))).toEqual([]);
        analysed++;
      }
    }
    // 5 tables: 12 subsets (none, each alone, all but each, all), 6 of them with AzureDiagnostics twice (before and after a vault's first line).
    expect(states).toHaveLength(18);
    expect(analysed).toBe(shapes.length * 18);
  });

  it('compile as written (each identity its own query) in a fresh workspace and in a full one', () => {
    const fresh = states[0];
    const full = states[states.length - 1];
    expect(Object.keys(fresh.tables)).toHaveLength(0);
    expect(Object.keys(full.tables).sort()).toEqual([...TABLES].sort());
    for (const [name, query] of queries) {
      for (const state of [fresh, full]) expect({ name, state: state.name, errors: analyse(applied(query), state).errors }).toEqual({ name, state: state.name, errors: [] });
    }
  });

  it('are rules Azure validates and evaluates: no skipped validation, totalled, never at a one-minute frequency', () => {
    for (const [name, rule] of rules) {
      expect({ name, skip: rule.skip_query_validation }).toEqual({ name, skip: undefined });
      expect(rule.evaluation_frequency).not.toBe('PT1M');
      for (const c of rule.criteria) expect([c.time_aggregation_method, c.metric_measure_column]).toEqual(['Total', DENIED_CALLS_COLUMN]);
    }
  });
});

describe('the checker itself', () => {
  const afterVault = states.find((s) => s.name === 'AzureDiagnostics (after a vault logs)');
  const beforeVault = states.find((s) => s.name === 'AzureDiagnostics (before a vault logs)');
  const codes = (query: string, state = afterVault) => analyse(query, state!).errors.map((e) => e.code);

  it('finds the faults of the former query: =~ on a guid (KS106), a column before its first value (KS142)', () => {
    const former = 'union isfuzzy=true (AzureDiagnostics | where identity_claim_oid_g =~ "11111111-2222-3333-4444-555555555555")';
    expect(codes(former)).toContain('KS106');
    expect(codes(former, beforeVault)).toContain('KS142');
  });

  it('types the compared columns as the reference documents them', () => {
    expect(analyse('StorageBlobLogs | project StatusCode', states[states.length - 1]).resultColumns).toEqual({ StatusCode: 'string' });
    expect(analyse('AzureDiagnostics | project v = column_ifexists("identity_claim_oid_g", guid(null)), s = toint(httpStatusCode_d)', afterVault!).resultColumns).toEqual({ v: 'guid', s: 'int' });
  });
});
