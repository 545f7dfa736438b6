/**
 * AWS monitoring of one environment: the audit trail's log group (made, or an existing one),
 * two metric filters on it with the role as a dimension (denied calls by a role's sessions;
 * failed web identity assumes of a role), the SNS topic every alarm notifies, and per identity
 * one alarm on its own role's series (plus one on failed assumes when the role is federated).
 */
import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { trustsFor } from '../sources/source-list';
import type { IdentityContext } from '../constructs/identity-context';
import { DENIED_CALL, FAILED_FEDERATION, addressSlugs, alertSchedules, alertText } from '../monitoring/neutral';
import type { AlertEvent } from '../monitoring/neutral';
import { webhookSlug, webhookUrl } from '../constructs/webhook-url';
import type { EnvironmentSpec } from '../spec/types';
import { roleArn } from './arns';
import { environmentNames } from '../spec/names';
import { AwsAuditTrail } from './audit-trail';
import type { AwsWorkloadIdentity } from './identity';

/** CloudWatch namespace of the metrics this project makes. */
export const METRIC_NAMESPACE = 'WorkloadIdentity';

/**
 * The `errorCode` values CloudTrail records when a call is denied, across the services the
 * vocabulary grants, as CloudWatch Logs wildcards:
 * - `*AccessDenied*`: `AccessDenied` (S3, STS, IAM, SQS query protocol), `AccessDeniedException`
 *   (KMS, Secrets Manager, SQS JSON protocol, most JSON services), and the KMS denials other services
 *   pass on: `KMSAccessDenied`/`KMSAccessDeniedException` (SNS Publish), `KmsAccessDenied` (SQS);
 * - `*UnauthorizedOperation`: `UnauthorizedOperation`, `Client.UnauthorizedOperation` (EC2);
 * - `AuthorizationError*`: `AuthorizationError`/`AuthorizationErrorException`, SNS's code for a
 *   denied Publish (SNS API reference, Publish, Errors: "AuthorizationError ... denied access to the
 *   requested resource", HTTP 403; botocore SNS `AuthorizationErrorException`).
 * The first two are AWS's own filter for unauthorized API calls (Security Hub control CloudWatch.2,
 * CIS AWS Foundations 4.1: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html).
 */
export const DENIED_ERROR_CODES = ['*AccessDenied*', '*UnauthorizedOperation', 'AuthorizationError*'] as const;

/**
 * Denied calls made with a role's credentials (any of `DENIED_ERROR_CODES`), by sessions of
 * this environment's roles. The dimension `Role` is the session issuer's role name.
 */
export function deniedCallsPattern(rolePrefixArn: string): string {
  const codes = DENIED_ERROR_CODES.map((c) => `($.errorCode = "${c}")`).join(' || ');
  return `{ (${codes}) && ($.userIdentity.sessionContext.sessionIssuer.arn = "${rolePrefixArn}*") }`;
}

/**
 * Failed `AssumeRoleWithWebIdentity` calls for this environment's roles. CloudTrail records
 * them as event source sts.amazonaws.com with an `errorCode` (AccessDenied when the trust
 * policy rejects the token's claims, InvalidIdentityToken, ExpiredTokenException,
 * IDPRejectedClaim...), `userIdentity.type` WebIdentityUser, and the role asked for in
 * `requestParameters.roleArn`: the dimension `RoleArn`.
 */
export function failedAssumePattern(rolePrefixArn: string): string {
  return `{ ($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRoleWithWebIdentity") && ($.errorCode = "*") && ($.requestParameters.roleArn = "${rolePrefixArn}*") }`;
}

export interface AwsMonitoringProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
}

export class AwsMonitoring extends Construct {
  /** The topic every alarm of the environment notifies. */
  readonly topicArn: string;
  /** The log group the trail delivers to. */
  readonly logGroupName: string;
  readonly deniedMetric: string;
  readonly failedAssumeMetric: string;
  /** Extra targets every alarm notifies: the configured existing topic. */
  private readonly actions: string[];

  constructor(scope: Construct, id: string, props: AwsMonitoringProps) {
    super(scope, id);
    const { app, env } = props;
    const aws = env.aws as NonNullable<EnvironmentSpec['aws']>;
    const m = env.monitoring;
    const prefix = `${app}-${env.name}`;
    // Every role of the environment is named <app>-<env>-...: the filters keep only their calls.
    const rolePrefixArn = roleArn(aws.accountId, `${prefix}-`);

    this.logGroupName = m.aws.logGroup ?? new AwsAuditTrail(this, 'trail', { app, env }).logGroup.name;
    const names = environmentNames(app, env.name);
    this.deniedMetric = names.awsDeniedMetric;
    this.failedAssumeMetric = names.awsFailedAssumeMetric;
    const countFilter = (id: string, address: string, name: string, pattern: string, dimensions: Record<string, string>) =>
      new CloudwatchLogMetricFilter(this, id, {
        name,
        logGroupName: this.logGroupName,
        pattern,
        metricTransformation: { name, namespace: METRIC_NAMESPACE, value: '1', unit: 'Count', dimensions },
      }).overrideLogicalId(address);
    countFilter('denied-calls', 'denied_calls', this.deniedMetric, deniedCallsPattern(rolePrefixArn), {
      Role: '$.userIdentity.sessionContext.sessionIssuer.userName',
    });
    countFilter('failed-assumes', 'failed_web_identity_assumes', this.failedAssumeMetric, failedAssumePattern(rolePrefixArn), {
      RoleArn: '$.requestParameters.roleArn',
    });

    const topic = new SnsTopic(this, 'topic', { name: names.awsAlertTopic, displayName: `${prefix} identity alerts` });
    topic.overrideLogicalId('identity_alerts');
    this.topicArn = topic.arn;
    this.actions = [topic.arn, ...(m.aws.snsTopicArn ? [m.aws.snsTopicArn] : [])];
    const subscribe = (slug: string, protocol: string, endpoint: string) =>
      new SnsTopicSubscription(this, `notify-${slug}`, { topicArn: topic.arn, protocol, endpoint }).overrideLogicalId(`notify_${slug}`);
    const emailSlugs = addressSlugs(m.notify);
    m.notify.forEach((email, i) => subscribe(emailSlugs[i], 'email', email));
    m.webhooks.forEach((url, i) => subscribe(webhookSlug(url), 'https', webhookUrl(this, 'aws', prefix, url, i)));
  }

  /** Alarms on the identity's denied calls, and on its failed web identity assumes when federated. */
  watch(scope: Construct, ctx: IdentityContext, identity: AwsWorkloadIdentity): void {
    const w = ctx.workload;
    if (w.monitoring.optOut) return;
    const schedule = alertSchedules(w.monitoring.deniedCalls).aws;
    const alarm = (id: string, address: string, metricName: string, dimensions: Record<string, string>, event: AlertEvent) =>
      new CloudwatchMetricAlarm(scope, id, {
        alarmName: `${ctx.names.awsRole} ${event.event}s`,
        alarmDescription: alertText(ctx.app, ctx.env.name, w.name, `IAM role ${ctx.names.awsRole}`, w.monitoring.deniedCalls, event),
        namespace: METRIC_NAMESPACE,
        metricName,
        dimensions,
        statistic: 'Sum',
        ...schedule,
        treatMissingData: 'notBreaching',
        alarmActions: this.actions,
        tags: { ...ctx.tags },
      }).overrideLogicalId(address);
    alarm('aws-denied-calls', `denied_${w.name}`, this.deniedMetric, { Role: identity.role.name }, DENIED_CALL);
    if (trustsFor(w, 'aws', ctx.env).some((t) => t.trust.kind === 'oidc')) {
      alarm('aws-failed-assumes', `failed_assume_${w.name}`, this.failedAssumeMetric, { RoleArn: identity.role.arn }, FAILED_FEDERATION);
    }
  }
}
