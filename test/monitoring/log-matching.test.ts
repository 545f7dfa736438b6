/**
 * The synthesized filters and queries, matched against sample log entries of each cloud: a
 * denied call by this identity reaches its alert; one by another identity, a success, or a
 * call outside the environment does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeniedCallsTable } from '../../lib/azure/denied-calls-query';
import { expressionType, TABLE_SCHEMAS, workspaceStates } from '../helpers/kusto';
import { cloudWatchDimension, cloudWatchMatches, gcpFilterMatches, kqlRows, resolveRefs } from '../helpers/log-matchers';
import type { KqlType } from '../helpers/log-matchers';
import { example, ofType, synthStacks } from '../helpers/synth';

const stack = synthStacks(example('identity.yaml'))['payments-prod'];
const ACCOUNT = '222222222222';

/** Attribute values Terraform would know after apply. */
const applied: Record<string, string> = {
  'aws_iam_role.invoice-renderer.name': 'payments-prod-invoice-renderer',
  'aws_iam_role.deployer.arn': `arn:aws:iam::${ACCOUNT}:role/payments-prod-deployer`,
  'google_service_account.invoice-renderer.email': 'payments-prod-invoice-renderer@payments-prod.iam.gserviceaccount.com',
  'google_service_account.invoice-notifier.email': 'payments-prod-invoice-notifier@payments-prod.iam.gserviceaccount.com',
  'google_service_account.deployer.email': 'payments-prod-deployer@payments-prod.iam.gserviceaccount.com',
  'google_logging_metric.denied_calls.name': 'payments-prod-denied-calls',
  'azurerm_user_assigned_identity.invoice-renderer.principal_id': '11111111-2222-3333-4444-555555555555',
  'azurerm_user_assigned_identity.invoice-renderer.client_id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};

describe('AWS: the denied-calls metric filter and the alarm of one role', () => {
  const filter = ofType(stack, 'aws_cloudwatch_log_metric_filter').denied_calls as {
    pattern: string;
    metric_transformation: { dimensions: Record<string, string>; name: string };
  };
  const alarm = ofType(stack, 'aws_cloudwatch_metric_alarm')['denied_invoice-renderer'] as { dimensions: Record<string, string>; metric_name: string };
  const deniedBy = (role: string, errorCode = 'AccessDenied') => ({
    eventVersion: '1.09',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    errorCode,
    errorMessage: 'User is not authorized to perform: s3:GetObject',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, userName: role } },
    },
  });
  /** Whether the event adds to this alarm's series: the filter matches and its dimension is the alarm's. */
  const countsForAlarm = (event: Record<string, unknown>) =>
    cloudWatchMatches(filter.pattern, event) &&
    Object.entries(filter.metric_transformation.dimensions).every(([k, sel]) => cloudWatchDimension(sel, event) === resolveRefs(alarm.dimensions[k], applied));

  it('counts an AccessDenied call by the role for its alarm', () => {
    expect(alarm.metric_name).toBe(filter.metric_transformation.name);
    expect(countsForAlarm(deniedBy('payments-prod-invoice-renderer'))).toBe(true);
    expect(countsForAlarm(deniedBy('payments-prod-invoice-renderer', 'AccessDeniedException'))).toBe(true);
    expect(countsForAlarm(deniedBy('payments-prod-invoice-renderer', 'Client.UnauthorizedOperation'))).toBe(true);
  });

  it('does not count another role, a success, or a role outside the environment', () => {
    expect(cloudWatchMatches(filter.pattern, deniedBy('payments-prod-deployer'))).toBe(true);
    expect(countsForAlarm(deniedBy('payments-prod-deployer'))).toBe(false);
    const { errorCode: _ignored, ...success } = deniedBy('payments-prod-invoice-renderer');
    expect(cloudWatchMatches(filter.pattern, success)).toBe(false);
    expect(cloudWatchMatches(filter.pattern, deniedBy('OrganizationAccountAccessRole'))).toBe(false);
    expect(cloudWatchMatches(filter.pattern, deniedBy('payments-prod-invoice-renderer', 'ThrottlingException'))).toBe(false);
  });

  it('counts a failed AssumeRoleWithWebIdentity for the federated role, as CloudTrail records it', () => {
    const fed = ofType(stack, 'aws_cloudwatch_log_metric_filter').failed_web_identity_assumes as {
      pattern: string;
      metric_transformation: { dimensions: Record<string, string> };
    };
    const fedAlarm = ofType(stack, 'aws_cloudwatch_metric_alarm').failed_assume_deployer as { dimensions: Record<string, string> };
    const failedAssume = (roleArn: string, errorCode: string) => ({
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRoleWithWebIdentity',
      errorCode,
      errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      userIdentity: { type: 'WebIdentityUser', principalId: 'token.actions.githubusercontent.com:sts.amazonaws.com:repo:acme/payments:environment:prod', identityProvider: 'token.actions.githubusercontent.com' },
      requestParameters: { roleArn, roleSessionName: 'GitHubActions' },
    });
    const deployerArn = resolveRefs(fedAlarm.dimensions.RoleArn, applied);
    for (const code of ['AccessDenied', 'InvalidIdentityToken', 'ExpiredTokenException']) {
      const event = failedAssume(deployerArn, code);
      expect(cloudWatchMatches(fed.pattern, event)).toBe(true);
      expect(cloudWatchDimension(fed.metric_transformation.dimensions.RoleArn, event)).toBe(deployerArn);
    }
    const { errorCode: _ignored, ...success } = failedAssume(deployerArn, 'AccessDenied');
    expect(cloudWatchMatches(fed.pattern, success)).toBe(false);
    expect(cloudWatchMatches(fed.pattern, failedAssume(`arn:aws:iam::${ACCOUNT}:role/other-team`, 'AccessDenied'))).toBe(false);
  });
});

describe('GCP: the denied-calls log metric and the alert policy of one service account', () => {
  const metric = ofType(stack, 'google_logging_metric').denied_calls as { filter: string; label_extractors: Record<string, string> };
  const policy = ofType(stack, 'google_monitoring_alert_policy')['denied_invoice-renderer'] as {
    conditions: { condition_threshold: { filter: string } }[];
  };
  const email = applied['google_service_account.invoice-renderer.email'];
  const entry = (principalEmail: string, code: number) => ({
    logName: 'projects/payments-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
    resource: { type: 'gcs_bucket', labels: { bucket_name: 'acme-invoices-prod' } },
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: code ? { code, message: 'PERMISSION_DENIED' } : {},
      authenticationInfo: { principalEmail },
      serviceName: 'storage.googleapis.com',
      methodName: 'storage.objects.delete',
    },
  });

  it('matches a permission-denied entry of this account, whose label the alert policy selects', () => {
    const filter = resolveRefs(metric.filter, applied);
    expect(gcpFilterMatches(filter, entry(email, 7))).toBe(true);
    const label = metric.label_extractors.principal.match(/^EXTRACT\((.+)\)$/)?.[1] as string;
    const extracted = label.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], entry(email, 7));
    const series = resolveRefs(policy.conditions[0].condition_threshold.filter, applied);
    expect(series).toContain(`metric.label.principal="${extracted}"`);
    expect(series).toContain('metric.type="logging.googleapis.com/user/payments-prod-denied-calls"');
  });

  it('does not match another account, a success, or another error', () => {
    const filter = resolveRefs(metric.filter, applied);
    expect(gcpFilterMatches(filter, entry('someone-else@another-project.iam.gserviceaccount.com', 7))).toBe(false);
    expect(gcpFilterMatches(filter, entry('someone@example.com', 7))).toBe(false);
    // Another account of the project is counted, under its own label: not this policy's series.
    expect(gcpFilterMatches(filter, entry(applied['google_service_account.deployer.email'], 7))).toBe(true);
    expect(gcpFilterMatches(filter, entry(email, 0))).toBe(false);
    expect(gcpFilterMatches(filter, entry(email, 5))).toBe(false);
  });

  it('matches failed token exchanges, not successful ones', () => {
    const filter = (ofType(stack, 'google_logging_metric').failed_token_exchanges as { filter: string }).filter;
    const exchange = (code: number) => ({
      logName: 'projects/payments-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
      protoPayload: { serviceName: 'sts.googleapis.com', methodName: 'google.identity.sts.v1.SecurityTokenService.ExchangeToken', status: { code } },
    });
    expect(gcpFilterMatches(filter, exchange(3))).toBe(true);
    expect(gcpFilterMatches(filter, exchange(0))).toBe(false);
  });
});

describe('Azure: the scheduled query of one managed identity, on sample rows of the documented shape', () => {
  // No KQL evaluator exists in JavaScript: kqlRows interprets only the forms the query uses, with each
  // compared operand typed by Microsoft's parser in a workspace that has every table (and a vault's columns).
  const rule = ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')['denied_invoice-renderer'] as { criteria: { query: string }[] };
  const query = resolveRefs(rule.criteria[0].query, applied);
  const me = applied['azurerm_user_assigned_identity.invoice-renderer.principal_id'];
  const myClient = applied['azurerm_user_assigned_identity.invoice-renderer.client_id'];
  const other = { principal: '99999999-9999-9999-9999-999999999999', client: '88888888-8888-8888-8888-888888888888' };
  const full = workspaceStates(Object.keys(TABLE_SCHEMAS) as DeniedCallsTable[]).find((s) => Object.keys(s.tables).length === 5 && s.name.endsWith('(after a vault logs)'));
  const types = new Map<string, KqlType>();
  const typeOf = (table: string, expression: string): KqlType => {
    const key = `${table}:${expression}`;
    if (!types.has(key)) types.set(key, expressionType(table as DeniedCallsTable, expression, full!) as KqlType);
    return types.get(key) as KqlType;
  };
  type Samples = Record<DeniedCallsTable, { row: Record<string, unknown>; success: Record<string, unknown> }>;
  const samples = (JSON.parse(fs.readFileSync(path.join(__dirname, 'azure-log-samples.json'), 'utf8')) as { rows: Samples }).rows;
  const TABLES = Object.keys(samples) as DeniedCallsTable[];
  /** A table's sample denial, by the given identity, optionally a success. */
  const row = (table: DeniedCallsTable, who = { principal: me, client: myClient }, success = false) =>
    JSON.parse(JSON.stringify({ ...samples[table].row, ...(success && samples[table].success) }).replace(/PRINCIPAL_ID/g, who.principal).replace(/CLIENT_ID/g, who.client)) as Record<string, unknown>;
  const total = (tables: Partial<Record<DeniedCallsTable, Record<string, unknown>[]>>) => kqlRows(query, tables, typeOf).reduce((n, r) => n + r.DeniedCalls, 0);

  it('uses sample rows whose every value has the documented type of its column', () => {
    expect(TABLES.sort()).toEqual((Object.keys(TABLE_SCHEMAS) as DeniedCallsTable[]).sort());
    const valueType = (v: unknown) => (typeof v === 'number' ? 'number' : /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(String(v)) ? 'guid-or-string' : 'string');
    for (const table of TABLES) {
      const schema = { ...TABLE_SCHEMAS[table].columns, ...TABLE_SCHEMAS[table].addedByKeyVault?.columns };
      for (const [column, value] of Object.entries(row(table))) {
        const type = schema[column];
        expect({ table, column, documented: type !== undefined }).toEqual({ table, column, documented: true });
        const kind = valueType(value);
        const fits = ['real', 'int', 'long'].includes(type) ? kind === 'number' : type === 'guid' ? kind === 'guid-or-string' : kind !== 'number';
        expect({ table, column, type, value, fits }).toEqual({ table, column, type, value, fits: true });
      }
    }
  });

  it('counts a denial of this identity in every table, a Service Bus row as the calls it aggregates', () => {
    for (const table of TABLES) {
      const counted = kqlRows(query, { [table]: [row(table)] }, typeOf);
      expect({ table, calls: counted.reduce((n, r) => n + r.DeniedCalls, 0) }).toEqual({ table, calls: table === 'AZMSRuntimeAuditLogs' ? 3 : 1 });
    }
    expect(total({ StorageBlobLogs: [{ ...row('StorageBlobLogs'), RequesterObjectId: me.toUpperCase(), StatusCode: '401' }] })).toBe(1);
  });

  it('counts nothing for another identity, a success, or another provider', () => {
    for (const table of TABLES) {
      expect({ table, other: total({ [table]: [row(table, other)] }), success: total({ [table]: [row(table, undefined, true)] }) }).toEqual({ table, other: 0, success: 0 });
    }
    expect(total({ AzureDiagnostics: [{ ...row('AzureDiagnostics'), ResourceProvider: 'MICROSOFT.SQL' }] })).toBe(0);
    expect(total({ AZMSRuntimeAuditLogs: [{ ...row('AZMSRuntimeAuditLogs'), Provider: 'eventhub' }] })).toBe(0);
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
