/**
 * A role whose grants outgrow the inline policy: its statements are split over the inline policy
 * and customer managed policies, each within IAM's size, and iam-simulate decides every request
 * of the vocabulary the same on the split policies as on the one unsplit document. The largest
 * estate that fits (228 buckets with read, write and delete for one workload) is measured here,
 * and one bucket more is refused at load with the count and the path.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { policyDocument } from '../../lib/aws/policy-document';
import type { PolicyDocument } from '../../lib/aws/policy-document';
import { ROLE_POLICY_QUOTAS, policySize } from '../../lib/aws/policy-size';
import { awsRoleStatements } from '../../lib/aws/role-statements';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { bucketEstate, bucketName } from '../helpers/aws-estates';
import { ofType, synthStacks } from '../helpers/synth';

const ACCOUNT = '555555555555';
const LARGEST = 228;

type Request = readonly [action: string, resource: string];

async function decide(policies: readonly PolicyDocument[], [action, resource]: Request): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy: policy as never })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:role/estate-prod-w0`, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

describe('a role past the inline policy size', () => {
  const yaml = bucketEstate(LARGEST);
  const stack = synthStacks(yaml)['estate-prod'];
  const inline = JSON.parse(ofType(stack, 'aws_iam_role_policy').w0.policy as string) as PolicyDocument;
  const managed = Object.values(ofType(stack, 'aws_iam_policy')).map((p) => JSON.parse(p.policy as string) as PolicyDocument);

  it('spreads its statements over the inline policy and managed policies, each within IAM’s size', () => {
    expect(managed.length).toBe(ROLE_POLICY_QUOTAS.managedPerRole);
    expect(policySize(inline)).toBeLessThanOrEqual(ROLE_POLICY_QUOTAS.inlineChars);
    for (const m of managed) expect(policySize(m)).toBeLessThanOrEqual(ROLE_POLICY_QUOTAS.managedChars);
    expect(Object.keys(ofType(stack, 'aws_iam_role_policy_attachment'))).toHaveLength(managed.length);
  });

  it('grants exactly what the unsplit policy grants (iam-simulate), and what the levels mean', async () => {
    const spec = parseSpec(yaml, 'estate.yaml');
    const env = spec.environments[0];
    const unsplit = policyDocument(awsRoleStatements(env.workloads[0], env.aws!));
    expect(policySize(unsplit)).toBeGreaterThan(ROLE_POLICY_QUOTAS.inlineChars);
    // Buckets from the inline policy, every managed policy and the borders between them.
    const sampled = [0, 1, ...Array.from({ length: 10 }, (_, i) => Math.floor(((i + 1) * LARGEST) / 11)), LARGEST - 1];
    for (const i of sampled) {
      const bucket = bucketName(i).replace('{env}', 'prod');
      const object = `arn:aws:s3:::${bucket}/reports/a.pdf`;
      const meaning: [Request, string][] = [
        [['s3:GetObject', object], 'Allowed'],
        [['s3:PutObject', object], 'Allowed'],
        [['s3:DeleteObject', object], 'Allowed'],
        [['s3:ListBucket', `arn:aws:s3:::${bucket}`], 'Allowed'],
        [['s3:PutBucketPolicy', `arn:aws:s3:::${bucket}`], 'ImplicitlyDenied'],
        [['s3:DeleteBucket', `arn:aws:s3:::${bucket}`], 'ImplicitlyDenied'],
        [['s3:GetObject', `arn:aws:s3:::${bucket}x/a.pdf`], 'ImplicitlyDenied'],
      ];
      for (const [request, expected] of meaning) {
        const split = await decide([inline, ...managed], request);
        expect(`${request.join(' ')} ${split}`).toBe(`${request.join(' ')} ${await decide([unsplit], request)}`);
        expect(`${request.join(' ')} ${split}`).toBe(`${request.join(' ')} ${expected}`);
      }
    }
  }, 60_000);

  it('refuses one bucket more at load, with the count and the path', () => {
    let error: unknown;
    try {
      parseSpec(bucketEstate(LARGEST + 1), 'estate.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(['workloads', 'w0', 'access']);
    expect(problems[0].message).toMatch(/its 458 statements \(\d+ characters\) need the inline policy and 11 managed policies/);
  });
});
