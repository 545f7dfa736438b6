/** A work queue: SQS queue, Pub/Sub topic + subscription, Service Bus queue. */
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { arnService, regionalBase } from './aws-arns';
import { azurermSource, RESOURCE_GROUP, SERVICE_BUS_AUDIT, SERVICE_BUS_NAMESPACE_NAME, serviceBusId } from './azure-parents';
import { defineKind } from './kind';
import { nameRule } from './name-rule';
import { PUBSUB_AUDIT, PUBSUB_NAME, PUBSUB_TOPIC } from './topic';

export const queue = defineKind({
  description: 'a work queue (SQS queue, Pub/Sub topic + subscription, Service Bus queue)',
  levels: {
    send: { means: 'enqueue messages', mutates: false },
    consume: { means: 'receive and delete (acknowledge) messages', mutates: true },
  },
  aws: {
    naming: {
      // The .fifo suffix counts within the length: terraform-provider-aws internal/service/sqs/queue.go,
      // resourceQueueCustomizeDiff (`{1,75}\.fifo`).
      required: {
        queue: nameRule(
          /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/,
          'SQS queue name (1-80 letters, digits, _ -, a .fifo suffix included)',
          'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html; terraform-provider-aws internal/service/sqs/queue.go, resourceQueueCustomizeDiff',
        ),
      },
    },
    targets: {
      queue: { arn: (f, aws) => `${regionalBase('sqs', aws)}${f.queue}`, parse: (arn) => (arnService(arn) === 'sqs' ? arn : undefined) },
    },
    grants: {
      send: [{ actions: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], on: 'queue' }],
      consume: [
        {
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
          on: 'queue',
        },
      ],
    },
    dataEvents: { selectorName: 'Granted queues', type: 'AWS::SQS::Queue', base: (aws) => regionalBase('sqs', aws), value: (f, aws) => `${regionalBase('sqs', aws)}${f.queue}`, match: 'equalTo' },
  },
  gcp: {
    naming: { required: { topic: PUBSUB_NAME, subscription: PUBSUB_NAME } },
    targets: {
      topic: PUBSUB_TOPIC,
      subscription: {
        member: PubsubSubscriptionIamMember,
        props: (f, gcp) => ({ project: gcp.projectId, subscription: f.subscription }),
        attribute: 'subscription',
        noun: 'subscription',
        policy: (f, gcp) => `projects/${gcp.projectId}/subscriptions/${f.subscription}`,
        fieldsOf: (name) => ({ subscription: name }),
      },
    },
    grants: {
      send: { role: 'roles/pubsub.publisher', on: 'topic' },
      consume: { role: 'roles/pubsub.subscriber', on: 'subscription' },
    },
    audit: PUBSUB_AUDIT,
  },
  azure: {
    naming: {
      required: {
        namespace: SERVICE_BUS_NAMESPACE_NAME,
        // The provider also lets / and ~ pass (queue_name.go:15): refused here, they would change the meaning of the
        // resource id the name is placed in.
        queue: nameRule(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9_])?$/, 'Service Bus queue name (1-260 letters, digits, . _ -)', azurermSource('servicebus/validate/queue_name.go:15')),
      },
      optional: RESOURCE_GROUP,
    },
    targets: {
      queue: { scope: (f, a) => `${serviceBusId(f, a)}/queues/${f.queue}`, matches: /\/queues\/[^/]+$/ },
    },
    grants: {
      send: { role: 'Azure Service Bus Data Sender', at: 'queue' },
      consume: { role: 'Azure Service Bus Data Receiver', at: 'queue' },
    },
    audit: SERVICE_BUS_AUDIT,
  },
});
