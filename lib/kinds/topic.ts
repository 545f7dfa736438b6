/** A publish/subscribe topic: SNS topic, Pub/Sub topic, Service Bus topic. */
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { arnService, regionalBase } from './aws-arns';
import { azurermSource, RESOURCE_GROUP, SERVICE_BUS_AUDIT, SERVICE_BUS_NAMESPACE_NAME, serviceBusId } from './azure-parents';
import { defineKind } from './kind';
import type { GcpAuditedService, GcpTarget } from './kind';
import { nameRule } from './name-rule';

/** Pub/Sub topic and subscription names. */
export const PUBSUB_NAME = nameRule(
  /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/,
  'Pub/Sub name (3-255 characters, starting with a letter)',
  'https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names (the provider checks none: resource_pubsub_topic.go:61-67)',
);

/** A Pub/Sub topic, from the `topic` field (a GCP queue publishes to one too). */
export const PUBSUB_TOPIC: GcpTarget = {
  member: PubsubTopicIamMember,
  props: (f, gcp) => ({ project: gcp.projectId, topic: f.topic }),
  attribute: 'topic',
  noun: 'topic',
  policy: (f, gcp) => `projects/${gcp.projectId}/topics/${f.topic}`,
  fieldsOf: (name) => ({ topic: name }),
};

/** Pub/Sub's audit logs, for topics and subscriptions. */
export const PUBSUB_AUDIT: GcpAuditedService = {
  service: 'pubsub.googleapis.com',
  resourceTypes: ['pubsub_topic', 'pubsub_subscription'],
  logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
  source: 'https://cloud.google.com/pubsub/docs/audit-logging (service); types observed in public gcloud logging queries and log sinks',
  evidence: 'observed',
};

export const topic = defineKind({
  description: 'a publish/subscribe topic (SNS topic, Pub/Sub topic, Service Bus topic)',
  levels: { publish: { means: 'publish messages', mutates: false } },
  aws: {
    naming: {
      // The .fifo suffix counts within the length: terraform-provider-aws internal/service/sns/topic.go,
      // resourceTopicCustomizeDiff (`{1,251}\.fifo`).
      required: {
        topic: nameRule(
          /^(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\.fifo)$/,
          'SNS topic name (1-256 letters, digits, _ -, a .fifo suffix included)',
          'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html; terraform-provider-aws internal/service/sns/topic.go, resourceTopicCustomizeDiff',
        ),
      },
    },
    targets: {
      topic: { arn: (f, aws) => `${regionalBase('sns', aws)}${f.topic}`, parse: (arn) => (arnService(arn) === 'sns' ? arn : undefined) },
    },
    grants: {
      publish: [{ actions: ['sns:Publish'], on: 'topic' }],
    },
    dataEvents: { selectorName: 'Granted topics', type: 'AWS::SNS::Topic', base: (aws) => regionalBase('sns', aws), value: (f, aws) => `${regionalBase('sns', aws)}${f.topic}`, match: 'equalTo' },
  },
  gcp: {
    naming: { required: { topic: PUBSUB_NAME } },
    targets: { topic: PUBSUB_TOPIC },
    grants: {
      publish: { role: 'roles/pubsub.publisher', on: 'topic' },
    },
    audit: PUBSUB_AUDIT,
  },
  azure: {
    naming: {
      required: {
        namespace: SERVICE_BUS_NAMESPACE_NAME,
        // The provider also lets / and ~ pass (topic_name.go:15): refused here, they would change the meaning of the
        // resource id the name is placed in.
        topic: nameRule(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9])?$/, 'Service Bus topic name (1-260 letters, digits, . _ -, ending with a letter or digit)', azurermSource('servicebus/validate/topic_name.go:15')),
      },
      optional: RESOURCE_GROUP,
    },
    targets: {
      topic: { scope: (f, a) => `${serviceBusId(f, a)}/topics/${f.topic}`, matches: /\/topics\/[^/]+$/ },
    },
    grants: {
      publish: { role: 'Azure Service Bus Data Sender', at: 'topic' },
    },
    audit: SERVICE_BUS_AUDIT,
  },
});
