/**
 * An environment's CloudTrail trail, made properly: a private, encrypted S3 bucket that only
 * this trail may write to (`aws:SourceArn`), log files expiring after the retention, and a
 * delivery role that may write only this trail's streams of its CloudWatch Logs group.
 * Multi-region, so STS calls on the global endpoint (us-east-1) are recorded too; data events
 * only for the buckets, queues and topics the environment's workloads are granted.
 */
import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import type { CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { awsAuditBucketName, environmentNames } from '../spec/names';
import type { EnvironmentSpec } from '../spec/types';
import { KIND_NAMES, kindOf } from '../kinds';
import type { ResourceKind } from '../kinds';
import type { AwsDataEvents } from '../kinds/kind';
import { policyDocument, policyJson } from './policy-document';

export interface AwsAuditTrailProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
}

/**
 * Values across all advanced event selectors of one trail: 500, not adjustable
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html,
 * "Advanced event selectors"); the provider checks only each value's length
 * (internal/service/cloudtrail/trail.go, `advanced_event_selector`: 1 to 2,048 characters; ours are
 * ARNs of at most 13 + 63 (S3) or about 330 (SNS) characters). The trail has at most 4 selectors
 * (management, objects, queues, topics); the 5-selector limit of the same page applies to basic
 * event selectors, and the 250 data resources to those too.
 */
export const TRAIL_SELECTOR_VALUES = 500;

/** The granted resources of one kind's data events: the ARN part every one shares, and each one's name after it. */
interface DataEventResources {
  readonly events: AwsDataEvents;
  /** `arn:aws:s3:::`, `arn:aws:sqs:<region>:<account>:`... */
  readonly base: string;
  /** Bucket names with a trailing `/` (objects), queue and topic names. */
  readonly names: Set<string>;
}

/**
 * The distinct ARN values when every name is cut to `length` characters: each value then
 * selects by prefix. Grows with `length`, so the longest cut that fits is found by bisection.
 */
function cutTo(resources: readonly DataEventResources[], length: number): string[][] {
  return resources.map((r) => [...new Set([...r.names].map((n) => r.base + n.slice(0, length)))].sort());
}

/**
 * The data events worth recording: object, queue and topic calls on the resources workloads are
 * granted, by exact ARN (objects by their bucket's prefix). When they need more than the trail's
 * 500 values, every ARN is cut to the longest common length that fits and selected by prefix
 * (`startsWith`): the trail then records those resources and others whose names share the
 * prefixes, never fewer (at worst, every bucket, queue and topic of the account).
 */
export function dataEventSelectors(env: EnvironmentSpec): CloudtrailAdvancedEventSelector[] {
  const aws = env.aws as NonNullable<EnvironmentSpec['aws']>;
  // One selector per kind with data events, in table order.
  const byKind = new Map<ResourceKind, DataEventResources>();
  for (const kind of KIND_NAMES) {
    const events = kindOf(kind).aws.dataEvents;
    if (events) byKind.set(kind, { events, base: events.base(aws), names: new Set<string>() });
  }
  for (const w of env.workloads) {
    if (!w.clouds.includes('aws')) continue;
    for (const { resource } of w.grants) {
      const fields = resource.clouds.aws;
      const resources = byKind.get(resource.kind);
      if (fields && resources) resources.names.add(resources.events.value(fields, aws).slice(resources.base.length));
    }
  }
  const used = [...byKind.values()].filter((r) => r.names.size);
  // The management selector's one value, and eventCategory and resources.type of each data selector.
  const budget = TRAIL_SELECTOR_VALUES - 1 - 2 * used.length;
  const count = (values: string[][]) => values.reduce((n, v) => n + v.length, 0);
  const exact = used.map((r) => [...r.names].map((n) => r.base + n).sort());
  let values = exact;
  let match: 'equalTo' | 'startsWith' | undefined;
  if (count(exact) > budget) {
    let [fits, over] = [0, Math.max(...used.flatMap((r) => [...r.names].map((n) => n.length)))];
    while (over - fits > 1) {
      const mid = Math.floor((fits + over) / 2);
      if (count(cutTo(used, mid)) <= budget) fits = mid;
      else over = mid;
    }
    values = cutTo(used, fits);
    match = 'startsWith';
  }
  return used.map((r, i) => ({
    name: r.events.selectorName,
    fieldSelector: [
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: [r.events.type] },
      { field: 'resources.ARN', [match ?? r.events.match]: values[i] },
    ],
  }));
}

/** The `workload` tag of the CloudTrail delivery role, which serves the environment rather than a workload. */
export const AUDIT_DELIVERY_WORKLOAD = 'identity-audit';

export class AwsAuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AwsAuditTrailProps) {
    super(scope, id);
    const { app, env } = props;
    const aws = env.aws as NonNullable<EnvironmentSpec['aws']>;
    const names = environmentNames(app, env.name);
    const name = names.awsTrail;
    // Known before the trail exists: the bucket policy and role trust must name it without a cycle.
    const trailArn = `arn:aws:cloudtrail:${aws.region}:${aws.accountId}:trail/${name}`;
    const onlyThisTrail = { StringEquals: { 'aws:SourceArn': trailArn } };

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: names.awsLogGroup, retentionInDays: env.monitoring.retentionDays });
    this.logGroup.overrideLogicalId('audit');

    const bucket = new S3Bucket(this, 'bucket', { bucket: awsAuditBucketName(app, env.name, aws.accountId) });
    bucket.overrideLogicalId('audit');
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }).overrideLogicalId('audit');
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }).overrideLogicalId('audit');
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucket.id,
      rule: [{ id: 'expire-audit-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: env.monitoring.retentionDays }] }],
    }).overrideLogicalId('audit');
    const bucketPolicy = new S3BucketPolicy(this, 'bucket-policy', {
      bucket: bucket.id,
      policy: policyJson(
        policyDocument([
          {
            Sid: 'CloudTrailAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:GetBucketAcl',
            Resource: bucket.arn,
            Condition: onlyThisTrail,
          },
          {
            Sid: 'CloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: `${bucket.arn}/AWSLogs/${aws.accountId}/*`,
            Condition: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      ),
    });
    bucketPolicy.overrideLogicalId('audit');

    const role = new IamRole(this, 'delivery-role', {
      name: names.awsDeliveryRole,
      description: `CloudTrail delivery of ${name} to CloudWatch Logs`,
      // A role like any other in the environment: the same ceiling and the same tags. The tool owns it.
      ...(aws.permissionsBoundaryArn && { permissionsBoundary: aws.permissionsBoundaryArn }),
      tags: { app, environment: env.name, workload: AUDIT_DELIVERY_WORKLOAD, owner: 'workload-identity' },
      assumeRolePolicy: policyJson(
        policyDocument([
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: onlyThisTrail },
        ]),
      ),
    });
    role.overrideLogicalId('audit_delivery');
    const rolePolicy = new IamRolePolicy(this, 'delivery-policy', {
      name: 'deliver-to-log-group',
      role: role.name,
      policy: policyJson(
        policyDocument([
          {
            Sid: 'WriteTrailStreams',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${this.logGroup.arn}:log-stream:${aws.accountId}_CloudTrail_*`,
          },
        ]),
      ),
    });
    rolePolicy.overrideLogicalId('audit_delivery');

    this.trail = new Cloudtrail(this, 'trail', {
      name,
      s3BucketName: bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: [
        { name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        ...dataEventSelectors(env),
      ],
      dependsOn: [bucketPolicy, rolePolicy],
    });
    this.trail.overrideLogicalId('audit');
  }
}
