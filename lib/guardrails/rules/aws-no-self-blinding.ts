import { actionGrants, byWrittenPattern, shortList } from '../aws-grants';
import type { ActionGrant } from '../aws-grants';
import { actionData, actionResourceArns } from '../../catalogs/aws-iam-actions';
import { patternAllows } from '../resource-reach';
import type { RawFinding, Rule, RuleContext } from '../rule';
import type { TfResource } from '../stack-index';
import { parseReference } from '../../terraform/reference';

/** A monitoring resource of the stack: its ARN and the iam-data ARN format of its type. */
interface Watched {
  readonly what: string;
  readonly arn: string;
  readonly format: string;
}

/**
 * Writes that leave the audit intact: adding log events, starting a trail, enabling alarm
 * actions, publishing or subscribing to the alert topic. Every other Write or Permissions
 * management action on a monitoring resource stops, deletes or rewrites it.
 */
const HARMLESS = new Set([
  'cloudtrail:startlogging',
  'cloudtrail:createtrail',
  'logs:createloggroup',
  'logs:createlogstream',
  'logs:putlogevents',
  'logs:createexporttask',
  'cloudwatch:enablealarmactions',
  'cloudwatch:putmetricdata',
  'sns:createtopic',
  'sns:publish',
  'sns:subscribe',
  'sns:confirmsubscription',
]);

const isTampering = (action: string) => {
  const level = actionData(action)?.accessLevel ?? '';
  return !HARMLESS.has(action) && !level.includes('Tagging') && (level.includes('Write') || level.includes('Permissions management'));
};

const literal = (v: unknown): v is string => typeof v === 'string' && !v.includes('${');

/** The bucket a trail writes to: a literal name, or the `aws_s3_bucket` its `${aws_s3_bucket.x.id}` reference names. */
function trailBucket(ctx: RuleContext, trail: TfResource): string | undefined {
  const value = trail.config.s3_bucket_name;
  if (literal(value)) return value;
  const ref = parseReference(value);
  const named = ref?.type === 'aws_s3_bucket' && (ref.attribute === 'id' || ref.attribute === 'bucket');
  const bucket = named ? ctx.index.ofType(ref.type).find((b) => b.name === ref.name)?.config.bucket : undefined;
  return literal(bucket) ? bucket : undefined;
}

/** The stack's own audit trail, log groups (made or configured), alarms, alert topics and audit buckets. */
function watched(ctx: RuleContext): Watched[] {
  const aws = ctx.env.aws;
  if (!aws) return [];
  const regional = (service: string, rest: string) => `arn:aws:${service}:${aws.region}:${aws.accountId}:${rest}`;
  const out: Watched[] = [];
  const logGroup = (name: string) => {
    out.push({ what: `log group ${name}`, arn: regional('logs', `log-group:${name}`), format: 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}' });
    out.push({
      what: `log streams of ${name}`,
      arn: regional('logs', `log-group:${name}:log-stream:${aws.accountId}_CloudTrail_${aws.region}`),
      format: 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
    });
  };
  for (const trail of ctx.index.ofType('aws_cloudtrail')) {
    if (literal(trail.config.name)) out.push({ what: `trail ${trail.config.name}`, arn: regional('cloudtrail', `trail/${trail.config.name}`), format: 'arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}' });
    const bucket = trailBucket(ctx, trail);
    if (bucket) {
      out.push({ what: `audit bucket ${bucket}`, arn: `arn:aws:s3:::${bucket}`, format: 'arn:${Partition}:s3:::${BucketName}' });
      out.push({ what: `audit logs in ${bucket}`, arn: `arn:aws:s3:::${bucket}/AWSLogs/${aws.accountId}/CloudTrail/log.json.gz`, format: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}' });
    }
  }
  for (const group of ctx.index.ofType('aws_cloudwatch_log_group')) if (literal(group.config.name)) logGroup(group.config.name);
  for (const filter of ctx.index.ofType('aws_cloudwatch_log_metric_filter')) if (literal(filter.config.log_group_name)) logGroup(filter.config.log_group_name);
  for (const alarm of ctx.index.ofType('aws_cloudwatch_metric_alarm')) {
    if (literal(alarm.config.alarm_name)) out.push({ what: `alarm ${alarm.config.alarm_name}`, arn: regional('cloudwatch', `alarm:${alarm.config.alarm_name}`), format: 'arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}' });
  }
  const topics = [...ctx.index.ofType('aws_sns_topic').map((t) => t.config.name).filter(literal).map((name) => regional('sns', name)), ...(ctx.env.monitoring.aws.snsTopicArn ? [ctx.env.monitoring.aws.snsTopicArn] : [])];
  for (const arn of topics) out.push({ what: `alert topic ${arn.split(':').pop()}`, arn, format: 'arn:${Partition}:sns:${Region}:${Account}:${TopicName}' });
  const unique = new Map(out.map((w) => [w.arn, w]));
  return [...unique.values()];
}

export const awsNoSelfBlinding: Rule = {
  id: 'WI-AWS-013',
  level: 'error',
  cloud: 'aws',
  statement: "No workload may stop, delete or rewrite the stack's own monitoring: its audit trail, log group and metric filters, alarms, alert topic and audit bucket.",
  why:
    'A workload that can stop the trail, delete the log group or filters, mute an alarm or rewrite the audit bucket can act unseen and erase what it did ' +
    "(AWS IAM Permissions Guardrails, IAM-CLOUDTRAIL-1; MITRE ATT&CK T1562.008).",
  fix: 'Remove the action or narrow its resources so they exclude the monitoring resources; monitoring is managed by this tool, not by workloads.',
  check(ctx) {
    const targets = watched(ctx);
    if (!targets.length) return [];
    const hits = new Map<ActionGrant, string[]>();
    for (const g of actionGrants(ctx)) {
      if (!isTampering(g.action)) continue;
      const formats = actionResourceArns(g.action);
      const reached = targets.filter((t) => formats.includes(t.format) && g.patterns.some((p) => patternAllows(p, t.arn)));
      if (reached.length) hits.set(g, reached.map((t) => t.what));
    }
    const findings: RawFinding[] = [];
    for (const { first, grants, detail } of byWrittenPattern([...hits.keys()])) {
      findings.push({
        resource: first.resource,
        detail,
        message: `${first.written} allows ${shortList(grants.map((g) => g.action))} on the stack's own monitoring (${shortList(grants.flatMap((g) => hits.get(g) ?? []), 3)})`,
      });
    }
    return findings;
  },
};
