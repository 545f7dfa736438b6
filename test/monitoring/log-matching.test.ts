/**
 * The synthesized filters and queries, matched against sample log entries of each cloud: a
 * denied call by this identity reaches its alert; one by another identity, a success, or a
 * call outside the environment does not. Azure's query is matched in azure-kql.test.ts, with the
 * types Microsoft's parser resolves (one load of the parser per test file).
 */
import { cloudWatchDimension, cloudWatchMatches, gcpFilterMatches, resolveRefs } from '../helpers/log-matchers';
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

describe('GCP: the denied-calls log metric and the alert policy conditions of one service account', () => {
  const metric = ofType(stack, 'google_logging_metric').denied_calls as { filter: string; label_extractors: Record<string, string> };
  const policies = Object.values(ofType(stack, 'google_monitoring_alert_policy')) as { conditions: { condition_threshold: { filter: string } }[] }[];
  const email = applied['google_service_account.invoice-renderer.email'];
  type Entry = { resource: { type: string; labels: Record<string, string> }; protoPayload: Record<string, unknown> };
  const entry = (principal: Record<string, string>, code: number, resource: Entry['resource'] = { type: 'gcs_bucket', labels: { bucket_name: 'acme-invoices-prod' } }, serviceName = 'storage.googleapis.com'): Entry => ({
    logName: 'projects/payments-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
    resource,
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: code ? { code, message: 'PERMISSION_DENIED' } : {},
      authenticationInfo: principal,
      serviceName,
      methodName: serviceName === 'storage.googleapis.com' ? 'storage.objects.delete' : 'GenerateAccessToken',
    },
  } as Entry);
  /** The series a counted entry adds to, as a Monitoring filter sees it: the metric, its label, the entry's resource. */
  const seriesOf = (e: Entry) => {
    const path = metric.label_extractors.principal.match(/^EXTRACT\((.+)\)$/)?.[1] as string;
    const principal = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], e);
    return {
      metric: { type: `logging.googleapis.com/user/${applied['google_logging_metric.denied_calls.name']}`, labels: { principal } },
      resource: { type: e.resource.type, labels: e.resource.labels },
    };
  };
  /** Whether some condition of some policy alerts on the entry. */
  const alerts = (e: Entry) =>
    gcpFilterMatches(resolveRefs(metric.filter, applied), e) &&
    policies.some((p) => p.conditions.some((c) => gcpFilterMatches(c.condition_threshold.filter, seriesOf(e))));

  it('counts a permission-denied call by this account and alerts on it', () => {
    expect(gcpFilterMatches(resolveRefs(metric.filter, applied), entry({ principalEmail: email }, 7))).toBe(true);
    expect(alerts(entry({ principalEmail: email }, 7))).toBe(true);
    expect(alerts(entry({ principalEmail: email }, 7, { type: 'audited_resource', labels: { service: 'secretmanager.googleapis.com' } }, 'secretmanager.googleapis.com'))).toBe(true);
  });

  it('alerts on a refused token request for this account by a federated principal (no e-mail of its own)', () => {
    const federated = { principalSubject: 'principal://iam.googleapis.com/projects/210987654321/locations/global/workloadIdentityPools/p/subject/repo:acme/other:ref:refs/heads/main' };
    const onAccount = { type: 'service_account', labels: { email_id: email, unique_id: '1', project_id: 'payments-prod' } };
    expect(alerts(entry(federated, 7, onAccount, 'iamcredentials.googleapis.com'))).toBe(true);
    expect(alerts(entry(federated, 0, onAccount, 'iamcredentials.googleapis.com'))).toBe(false);
    const elsewhere = { ...onAccount, labels: { ...onAccount.labels, email_id: 'x@another-project.iam.gserviceaccount.com' } };
    expect(alerts(entry(federated, 7, elsewhere, 'iamcredentials.googleapis.com'))).toBe(false);
  });

  it('does not alert on another project, a success, another error, or an unaudited resource type', () => {
    expect(alerts(entry({ principalEmail: 'someone-else@another-project.iam.gserviceaccount.com' }, 7))).toBe(false);
    expect(alerts(entry({ principalEmail: 'someone@example.com' }, 7))).toBe(false);
    expect(alerts(entry({ principalEmail: email }, 0))).toBe(false);
    expect(alerts(entry({ principalEmail: email }, 5))).toBe(false);
    expect(alerts(entry({ principalEmail: email }, 7, { type: 'gce_instance', labels: {} }, 'compute.googleapis.com'))).toBe(false);
    // An account of the project that no workload of this environment owns is counted, never alerted on.
    expect(gcpFilterMatches(resolveRefs(metric.filter, applied), entry({ principalEmail: 'ops@payments-prod.iam.gserviceaccount.com' }, 7))).toBe(true);
    expect(alerts(entry({ principalEmail: 'ops@payments-prod.iam.gserviceaccount.com' }, 7))).toBe(false);
  });

  it('matches failed token exchanges, not successful ones', () => {
    const filter = (ofType(stack, 'google_logging_metric').failed_token_exchanges as { filter: string }).filter;
    const exchange = (code: number) => ({
      logName: 'projects/payments-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
      resource: { type: 'audited_resource', labels: { service: 'sts.googleapis.com' } },
      protoPayload: { serviceName: 'sts.googleapis.com', methodName: 'google.identity.sts.v1.SecurityTokenService.ExchangeToken', status: { code } },
    });
    expect(gcpFilterMatches(filter, exchange(3))).toBe(true);
    expect(gcpFilterMatches(filter, exchange(0))).toBe(false);
  });
});
