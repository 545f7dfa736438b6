/**
 * IAM bindings on the resource itself, one resource type per binding target: the bucket,
 * the secret, the topic, the subscription, the crypto key. Never the project.
 */
import type { Construct } from 'constructs';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { TerraformResource } from 'cdktf';
import type { GcpBindingTarget } from '../access/gcp';
import type { CloudResourceFields, GcpEnvironment } from '../spec/types';

/** The full resource name of a Cloud KMS crypto key. */
export function cryptoKeyId(fields: CloudResourceFields, gcp: GcpEnvironment): string {
  return `projects/${gcp.projectId}/locations/${fields.location ?? 'global'}/keyRings/${fields.keyRing}/cryptoKeys/${fields.key}`;
}

/** Binds `role` for `member` on the target resource named by `fields`. */
export function bindOnResource(
  scope: Construct,
  id: string,
  target: GcpBindingTarget,
  fields: CloudResourceFields,
  gcp: GcpEnvironment,
  role: string,
  member: string,
): TerraformResource {
  const project = gcp.projectId;
  switch (target) {
    case 'bucket':
      return new StorageBucketIamMember(scope, id, { bucket: fields.bucket, role, member });
    case 'secret':
      return new SecretManagerSecretIamMember(scope, id, { project, secretId: fields.secret, role, member });
    case 'topic':
      return new PubsubTopicIamMember(scope, id, { project, topic: fields.topic, role, member });
    case 'subscription':
      return new PubsubSubscriptionIamMember(scope, id, { project, subscription: fields.subscription, role, member });
    case 'cryptoKey':
      return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId: cryptoKeyId(fields, gcp), role, member });
  }
}
