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
import { fitName } from '../spec/names';
import type { EnvironmentSpec } from '../spec/types';
import { awsArn } from './arns';
import { policyDocument, policyJson } from './policy-document';

export interface AwsAuditTrailProps {
  readonly app: string;
  readonly env: EnvironmentSpec;
}

/** The data events worth recording: object, queue and topic calls on the resources workloads are granted. */
function dataEventSelectors(env: EnvironmentSpec): CloudtrailAdvancedEventSelector[] {
  const aws = env.aws as NonNullable<EnvironmentSpec['aws']>;
  const arns = { bucket: new Set<string>(), queue: new Set<string>(), topic: new Set<string>() };
  for (const w of env.workloads) {
    if (!w.clouds.includes('aws')) continue;
    for (const { resource } of w.grants) {
      const fields = resource.clouds.aws;
      if (!fields) continue;
      if (resource.kind === 'bucket') arns.bucket.add(`${awsArn('bucket', fields, aws)}/`);
      if (resource.kind === 'queue') arns.queue.add(awsArn('queue', fields, aws));
      if (resource.kind === 'topic') arns.topic.add(awsArn('topic', fields, aws));
    }
  }
  const selector = (name: string, type: string, match: 'startsWith' | 'equalTo', values: Set<string>): CloudtrailAdvancedEventSelector[] =>
    values.size
      ? [
          {
            name,
            fieldSelector: [
              { field: 'eventCategory', equalTo: ['Data'] },
              { field: 'resources.type', equalTo: [type] },
              { field: 'resources.ARN', [match]: [...values].sort() },
            ],
          },
        ]
      : [];
  return [
    ...selector('Objects of granted buckets', 'AWS::S3::Object', 'startsWith', arns.bucket),
    ...selector('Granted queues', 'AWS::SQS::Queue', 'equalTo', arns.queue),
    ...selector('Granted topics', 'AWS::SNS::Topic', 'equalTo', arns.topic),
  ];
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
    const name = `${app}-${env.name}-identity-audit`;
    // Known before the trail exists: the bucket policy and role trust must name it without a cycle.
    const trailArn = `arn:aws:cloudtrail:${aws.region}:${aws.accountId}:trail/${name}`;
    const onlyThisTrail = { StringEquals: { 'aws:SourceArn': trailArn } };

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: `/${app}/${env.name}/identity-audit`, retentionInDays: env.monitoring.retentionDays });
    this.logGroup.overrideLogicalId('audit');

    const bucket = new S3Bucket(this, 'bucket', { bucket: fitName([app, env.name, 'identity-audit', aws.accountId], 63) });
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
      name: fitName([app, env.name, 'identity-audit-delivery'], 64),
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
