/** ARNs of the resources a workload is granted, from their configured names. */
import type { AwsArnTarget } from '../access/aws';
import type { AwsEnvironment, CloudResourceFields } from '../spec/types';

/** The ARN that an access rule's actions apply to. */
export function awsArn(target: AwsArnTarget, fields: CloudResourceFields, aws: AwsEnvironment): string {
  const regional = (service: string, rest: string) => `arn:aws:${service}:${aws.region}:${aws.accountId}:${rest}`;
  switch (target) {
    case 'bucket':
      return `arn:aws:s3:::${fields.bucket}`;
    case 'objects':
      return `arn:aws:s3:::${fields.bucket}/*`;
    case 'secret':
      // Secrets Manager appends a hyphen and six random characters to every secret's ARN.
      return regional('secretsmanager', `secret:${fields.name}-??????`);
    case 'queue':
      return regional('sqs', fields.queue);
    case 'topic':
      return regional('sns', fields.topic);
    case 'key':
      return regional('kms', `key/${fields.keyId}`);
  }
}

/** The ARN of a role, known before it exists. */
export function roleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}
