/**
 * The synthesized filters and queries, matched against sample log entries of each cloud: a
 * denied call by this identity reaches its alert; one by another identity, a success, or a
 * call outside the environment does not.
 */
import { cloudWatchDimension, cloudWatchMatches, gcpFilterMatches, kqlRows, resolveRefs } from '../helpers/log-matchers';
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

  // The denial codes CloudTrail records for the services the vocabulary grants (sources in
  // lib/aws/monitoring.ts, DENIED_ERROR_CODES). `cloudWatchMatches` is this project's own reading of
  // the CloudWatch Logs filter syntax (test/helpers/log-matchers.ts), not an independent implementation:
  // no CloudWatch Logs evaluator runs offline; the codes themselves come from the services' API references.
  const denials: readonly [string, string, string][] = [
    ['s3.amazonaws.com', 'GetObject', 'AccessDenied'],
    ['sts.amazonaws.com', 'AssumeRole', 'AccessDenied'],
    ['kms.amazonaws.com', 'Decrypt', 'AccessDeniedException'],
    ['secretsmanager.amazonaws.com', 'GetSecretValue', 'AccessDeniedException'],
    ['sqs.amazonaws.com', 'SendMessage', 'AccessDenied'],
    ['sqs.amazonaws.com', 'SendMessage', 'KmsAccessDenied'],
    ['sns.amazonaws.com', 'Publish', 'AuthorizationError'],
    ['sns.amazonaws.com', 'Publish', 'AuthorizationErrorException'],
    ['sns.amazonaws.com', 'Publish', 'KMSAccessDenied'],
    ['ec2.amazonaws.com', 'RunInstances', 'Client.UnauthorizedOperation'],
  ];
  it.each(denials)('counts a denied %s %s (%s) by the role', (eventSource, eventName, errorCode) => {
    expect(countsForAlarm({ ...deniedBy('payments-prod-invoice-renderer', errorCode), eventSource, eventName })).toBe(true);
  });

  it.each(['ThrottlingException', 'ResourceNotFoundException', 'NotFound', 'InvalidParameter', 'ValidationException', 'KMSDisabledException'])(
    'does not count a call that failed for another reason (%s)',
    (errorCode) => {
      expect(countsForAlarm({ ...deniedBy('payments-prod-invoice-renderer', errorCode), eventSource: 'sns.amazonaws.com', eventName: 'Publish' })).toBe(false);
    },
  );

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

describe('Azure: the scheduled query of one managed identity', () => {
  const rule = ofType(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')['denied_invoice-renderer'] as { criteria: { query: string }[] };
  const query = resolveRefs(rule.criteria[0].query, applied);
  const me = applied['azurerm_user_assigned_identity.invoice-renderer.principal_id'];
  const myClient = applied['azurerm_user_assigned_identity.invoice-renderer.client_id'];
  const other = '99999999-9999-9999-9999-999999999999';

  it('returns forbidden calls of this identity in every table it reads', () => {
    const rows = kqlRows(query, {
      StorageBlobLogs: [
        { RequesterObjectId: me, StatusCode: 403, StatusText: 'AuthorizationPermissionMismatch' },
        { RequesterObjectId: me.toUpperCase(), StatusCode: 403 },
      ],
      AzureActivity: [{ Caller: myClient, ActivityStatusValue: 'Failure', OperationNameValue: 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION' }],
      AzureDiagnostics: [{ ResourceProvider: 'MICROSOFT.KEYVAULT', identity_claim_oid_g: me, httpStatusCode_d: 403, OperationName: 'SecretGet' }],
      AADManagedIdentitySignInLogs: [{ ServicePrincipalId: me, ResultType: '700213' }],
    });
    expect(rows).toHaveLength(5);
  });

  it('returns nothing for another identity, successes, or other providers', () => {
    const rows = kqlRows(query, {
      StorageBlobLogs: [
        { RequesterObjectId: other, StatusCode: 403 },
        { RequesterObjectId: me, StatusCode: 200 },
      ],
      AzureActivity: [
        { Caller: other, ActivityStatusValue: 'Failure' },
        { Caller: me, ActivityStatusValue: 'Success' },
      ],
      AzureDiagnostics: [{ ResourceProvider: 'MICROSOFT.SQL', identity_claim_oid_g: me, httpStatusCode_d: 403 }],
      AADManagedIdentitySignInLogs: [{ ServicePrincipalId: me, ResultType: '0' }],
    });
    expect(rows).toHaveLength(0);
  });

  it('skips tables the workspace does not have yet', () => {
    expect(kqlRows(query, { StorageBlobLogs: [{ RequesterObjectId: me, StatusCode: 401 }] })).toHaveLength(1);
  });
});
