/**
 * Every denied-calls query the project synthesizes, parsed and analysed by Microsoft's Kusto
 * language service (@kusto/language-service-next) against the documented schemas of the tables
 * it reads (test/monitoring/azure-tables/, from the Azure Monitor table reference), in every
 * state a workspace meets: no table yet, each one alone, all but each, all of them, and AzureDiagnostics
 * before and after a vault's first log line. Zero error diagnostics in every state, and the
 * result the rule totals is (TimeGenerated: datetime, DeniedCalls: long) in every state. Then
 * each leg matched against sample rows of Microsoft's documented shape.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DENIED_CALLS_COLUMN } from '../../lib/azure/denied-calls-query';
import type { DeniedCallsTable } from '../../lib/azure/denied-calls-query';
import { analyse, expressionType, TABLE_SCHEMAS, workspaceStates } from '../helpers/kusto';
import { kqlRows, resolveRefs } from '../helpers/log-matchers';
import type { KqlType } from '../helpers/log-matchers';
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
    // 6 tables: 14 subsets (none, each alone, all but each, all), 7 of them with AzureDiagnostics twice (before and after a vault's first line).
    expect(states).toHaveLength(21);
    expect(analysed).toBe(shapes.length * 21);
  });

  it('are analysed above as written, each identity its own query, in a fresh workspace and in a full one among the states', () => {
    // The analyser is deterministic: each distinct query text is analysed once, in every state, by the test above.
    const fresh = states[0];
    const full = states[states.length - 1];
    expect(Object.keys(fresh.tables)).toHaveLength(0);
    expect(Object.keys(full.tables).sort()).toEqual([...TABLES].sort());
    const shapes = new Set(queries.map(([, q]) => applied(q)));
    expect(shapes.size).toBeLessThan(queries.length);
    for (const [name, query] of queries) expect({ name, analysed: shapes.has(applied(query)) }).toEqual({ name, analysed: true });
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

describe('Azure: the scheduled query of one managed identity, on sample rows of the documented shape', () => {
  // No KQL evaluator exists in JavaScript: kqlRows interprets only the forms the query uses, with each
  // compared operand typed by Microsoft's parser in a workspace that has every table (and a vault's columns).
  const stack = synthStacks(example('identity.yaml'))['payments-prod'];
  const rule = ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')['denied_invoice-renderer'] as { criteria: { query: string }[] };
  const me = '11111111-2222-3333-4444-555555555555';
  const myClient = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const query = resolveRefs(rule.criteria[0].query, {
    'azurerm_user_assigned_identity.invoice-renderer.principal_id': me,
    'azurerm_user_assigned_identity.invoice-renderer.client_id': myClient,
  });
  const other = { principal: '99999999-9999-9999-9999-999999999999', client: '88888888-8888-8888-8888-888888888888' };
  const full = states.find((s) => Object.keys(s.tables).length === TABLES.length && s.name.endsWith('(after a vault logs)'));
  const types = new Map<string, KqlType>();
  const typeOf = (table: string, expression: string): KqlType => {
    const key = `${table}:${expression}`;
    if (!types.has(key)) types.set(key, expressionType(table as DeniedCallsTable, expression, full!) as KqlType);
    return types.get(key) as KqlType;
  };
  type Samples = Record<DeniedCallsTable, { row: Record<string, unknown>; success: Record<string, unknown> }>;
  const samples = (JSON.parse(fs.readFileSync(path.join(__dirname, 'azure-log-samples.json'), 'utf8')) as { rows: Samples }).rows;
  const SAMPLED = Object.keys(samples) as DeniedCallsTable[];
  /** A table's sample denial, by the given identity, optionally a success. */
  const row = (table: DeniedCallsTable, who = { principal: me, client: myClient }, success = false) =>
    JSON.parse(JSON.stringify({ ...samples[table].row, ...(success && samples[table].success) }).replace(/PRINCIPAL_ID/g, who.principal).replace(/CLIENT_ID/g, who.client)) as Record<string, unknown>;
  const total = (tables: Partial<Record<DeniedCallsTable, Record<string, unknown>[]>>) => kqlRows(query, tables, typeOf).reduce((n, r) => n + r.DeniedCalls, 0);

  it('uses sample rows whose every value has the documented type of its column', () => {
    expect([...SAMPLED].sort()).toEqual((Object.keys(TABLE_SCHEMAS) as DeniedCallsTable[]).sort());
    const valueType = (v: unknown) =>
      typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'dynamic' : /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(String(v)) ? 'guid-or-string' : 'string';
    for (const table of SAMPLED) {
      const schema = { ...TABLE_SCHEMAS[table].columns, ...TABLE_SCHEMAS[table].addedByKeyVault?.columns };
      for (const [column, value] of Object.entries(row(table))) {
        const type = schema[column];
        expect({ table, column, documented: type !== undefined }).toEqual({ table, column, documented: true });
        const kind = valueType(value);
        const fits = ['real', 'int', 'long'].includes(type)
          ? kind === 'number'
          : type === 'guid'
            ? kind === 'guid-or-string'
            : type === 'bool' || type === 'dynamic'
              ? kind === type
              : kind === 'string' || kind === 'guid-or-string';
        expect({ table, column, type, value, fits }).toEqual({ table, column, type, value, fits: true });
      }
    }
  });

  it('counts a denial of this identity in every table, a Service Bus row as the calls it aggregates', () => {
    for (const table of SAMPLED) {
      const counted = kqlRows(query, { [table]: [row(table)] }, typeOf);
      expect({ table, calls: counted.reduce((n, r) => n + r.DeniedCalls, 0) }).toEqual({ table, calls: table === 'AZMSRuntimeAuditLogs' ? 3 : 1 });
    }
    expect(total({ StorageBlobLogs: [{ ...row('StorageBlobLogs'), RequesterObjectId: me.toUpperCase(), StatusCode: '401' }] })).toBe(1);
  });

  it('counts nothing for another identity, a success, or another provider; reads the object id under either claim name', () => {
    for (const table of SAMPLED) {
      expect({ table, other: total({ [table]: [row(table, other)] }), success: total({ [table]: [row(table, undefined, true)] }) }).toEqual({ table, other: 0, success: 0 });
    }
    expect(total({ AzureDiagnostics: [{ ...row('AzureDiagnostics'), ResourceProvider: 'MICROSOFT.SQL' }] })).toBe(0);
    expect(total({ AZMSRuntimeAuditLogs: [{ ...row('AZMSRuntimeAuditLogs'), Provider: 'eventhub' }] })).toBe(0);
    // An operation that logs the object id under the claim's long name counts too.
    const { identity_claim_oid_g: oid, ...longName } = row('AzureDiagnostics');
    expect(total({ AzureDiagnostics: [{ ...longName, identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g: oid }] })).toBe(1);
    // Before any vault has logged, the column is absent: the leg is null-safe and counts nothing.
    const { identity_claim_oid_g: _absent, ...noColumn } = row('AzureDiagnostics');
    expect(total({ AzureDiagnostics: [noColumn] })).toBe(0);
  });

  it('refuses a sample value of the wrong type (a StatusCode as a number, as the former query assumed)', () => {
    expect(() => total({ StorageBlobLogs: [{ ...row('StorageBlobLogs'), StatusCode: 403 }] })).toThrow(/is not a Kusto string/);
  });

  it('skips tables the workspace does not have yet, and totals the rest', () => {
    expect(total({})).toBe(0);
    expect(total({ StorageBlobLogs: [row('StorageBlobLogs')], AZMSRuntimeAuditLogs: [row('AZMSRuntimeAuditLogs')] })).toBe(4);
  });
});
