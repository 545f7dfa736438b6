/**
 * AWS mapping of the access vocabulary: per kind and level, the IAM actions and the ARN they
 * apply to. Data only; `lib/aws/grants.ts` turns it into policy statements.
 */
import type { LevelOf, ResourceKind } from './vocabulary';

/** Which ARN of a resource an action applies to (see `lib/aws/arns.ts`). */
export type AwsArnTarget = 'bucket' | 'objects' | 'secret' | 'queue' | 'topic' | 'key';

export interface AwsRule {
  readonly actions: readonly string[];
  readonly on: AwsArnTarget;
}

type AwsTable = { readonly [K in ResourceKind]: { readonly [L in LevelOf<K>]: readonly AwsRule[] } };

export const AWS_ACCESS: AwsTable = {
  bucket: {
    read: [
      { actions: ['s3:GetObject'], on: 'objects' },
      { actions: ['s3:ListBucket'], on: 'bucket' },
    ],
    write: [{ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], on: 'objects' }],
    delete: [{ actions: ['s3:DeleteObject'], on: 'objects' }],
  },
  secret: {
    read: [{ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], on: 'secret' }],
  },
  queue: {
    send: [{ actions: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], on: 'queue' }],
    consume: [
      {
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
        on: 'queue',
      },
    ],
  },
  topic: {
    publish: [{ actions: ['sns:Publish'], on: 'topic' }],
  },
  key: {
    encrypt: [{ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], on: 'key' }],
    decrypt: [{ actions: ['kms:Decrypt'], on: 'key' }],
    sign: [{ actions: ['kms:Sign'], on: 'key' }],
  },
};
