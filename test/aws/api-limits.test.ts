/**
 * Every synthesized AWS stack of every example and test config held against the table of AWS API
 * rules the provider does not validate (lib/aws/api-limits.ts), plus: each rule catches a stack
 * that breaks it, and what a config can push past a rule is refused at load with its path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { generateRawConfig } from '../../bench/generate';
import { AWS_API_RULES, checkAwsApiLimits } from '../../lib/aws/api-limits';
import type { AwsApiRuleId } from '../../lib/aws/api-limits';
import type { ResourcesJson } from '../../lib/terraform/stack-json';
import { TRAIL_SELECTOR_VALUES } from '../../lib/aws/audit-trail';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { bucketEstate, bucketName } from '../helpers/aws-estates';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import { example, ofType, synthStacks } from '../helpers/synth';

const ESTATE_NAME = 'roles at the largest policy estate (228 buckets each), trail past 500 selector values (600 buckets)';
const CONFIGS: Record<string, () => string> = {
  'examples/identity.yaml': () => example('identity.yaml'),
  'examples/aws-only.yaml': () => example('aws-only.yaml'),
  'examples/terraform-cloud.yaml': () => example('terraform-cloud.yaml'),
  'test/data/design-example.yaml': () => fs.readFileSync(path.join(__dirname, '..', 'data', 'design-example.yaml'), 'utf8'),
  'every level (test/helpers/every-level.ts)': () => EVERY_LEVEL_CONFIG,
  'bench mix, 40 workloads in 3 environments with shards': () => stringify(generateRawConfig({ workloads: 40, environments: 3, shards: 2, seed: 2 })),
  [ESTATE_NAME]: () => bucketEstate(600, 228),
};

const synthesized = new Map<string, ReturnType<typeof synthStacks>>();
const synthOnce = (name: string) => synthesized.get(name) ?? synthesized.set(name, synthStacks(CONFIGS[name]())).get(name)!;

describe('AWS API rules on every synthesized stack', () => {
  it.each(Object.keys(CONFIGS))('%s: no stack breaks a rule', (name) => {
    const stacks = synthOnce(name);
    const violations = Object.entries(stacks).flatMap(([stack, json]) => checkAwsApiLimits((json.resource ?? {}) as ResourcesJson).map((v) => `${stack} ${v.rule} ${v.address}: ${v.message}`));
    expect(violations).toEqual([]);
  });

  it('every rule names its source', () => {
    for (const [id, row] of Object.entries(AWS_API_RULES)) expect(`${id} ${row.source}`).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
  });
});

describe('each rule catches a stack that breaks it', () => {
  const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const allow = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
  const role = (extra: Record<string, unknown> = {}) => ({ name: 'r', assume_role_policy: doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]), ...extra });
  const ref = '${aws_iam_role.r.name}';
  const many = <T,>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  const BAD: Record<AwsApiRuleId, ResourcesJson> = {
    'iam-inline-policy-size': {
      aws_iam_role: { r: role() },
      aws_iam_role_policy: { a: { role: ref, policy: doc(many(60, (i) => allow({ Sid: `S${i}`, Resource: `arn:aws:s3:::${'b'.repeat(100)}${i}/*` }))) }, b: { role: ref, policy: doc(many(30, (i) => allow({ Sid: `T${i}`, Resource: `arn:aws:s3:::${'c'.repeat(100)}${i}/*` }))) } },
    },
    'iam-managed-policy-size': { aws_iam_policy: { p: { policy: doc(many(50, (i) => allow({ Sid: `S${i}`, Resource: `arn:aws:s3:::${'b'.repeat(100)}${i}/*` }))) } } },
    'iam-managed-policies-per-role': { aws_iam_role: { r: role() }, aws_iam_role_policy_attachment: Object.fromEntries(many(11, (i): [string, Record<string, unknown>] => [`a${i}`, { role: ref, policy_arn: `arn:aws:iam::1:policy/p${i}` }])) },
    'iam-trust-policy-size': { aws_iam_role: { r: role({ assume_role_policy: doc(many(20, (i) => ({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${'x'.repeat(80)}${i}` }, Action: 'sts:AssumeRoleWithWebIdentity' }))) }) } },
    'iam-sid-unique': { aws_iam_role_policy: { a: { role: ref, policy: doc([allow({ Sid: 'Same' }), allow({ Sid: 'Same' })]) } } },
    'iam-sid-characters': { aws_iam_role_policy: { a: { role: ref, policy: doc([allow({ Sid: 'Not-Allowed' })]) } } },
    'iam-policy-characters': { aws_iam_role_policy: { a: { role: ref, policy: doc([allow({ Resource: 'arn:aws:s3:::b/ĉ' })]) } } },
    'iam-condition-operator': { aws_iam_role_policy: { a: { role: ref, policy: doc([allow({ Condition: { StringEqualz: { 'aws:SourceAccount': '1' } } })]) } } },
    'iam-resource-arn': { aws_iam_role_policy: { a: { role: ref, policy: doc([allow({ Resource: 'my-bucket/*' })]) } } },
    'iam-description-characters': { aws_iam_role: { r: role({ description: 'emoji \u{1F600}' }) } },
    'tag-limits': { aws_sns_topic: { t: { name: 't', tags: { 'aws:owner': 'x' } } } },
    'trail-selector-values': { aws_cloudtrail: { t: { advanced_event_selector: [{ field_selector: [{ field: 'resources.ARN', equals: many(501, (i) => `arn:aws:sqs:us-east-1:1:q${i}`) }] }] } } },
    'log-group-metric-filters': { aws_cloudwatch_log_metric_filter: Object.fromEntries(many(101, (i): [string, Record<string, unknown>] => [`f${i}`, { log_group_name: 'g', pattern: '', metric_transformation: { name: 'm', namespace: 'n', value: '1' } }])) },
    'metric-filter-dimensions': { aws_cloudwatch_log_metric_filter: { f: { log_group_name: 'g', metric_transformation: { dimensions: { a: '$.a', b: '$.b', c: '$.c', d: '$.d' } } } } },
    'metric-filter-pattern-length': { aws_cloudwatch_log_metric_filter: { f: { log_group_name: 'g', pattern: `{ $.a = "${'x'.repeat(1100)}" }` } } },
    'alarm-actions': { aws_cloudwatch_metric_alarm: { a: { alarm_actions: many(6, (i) => `arn:aws:sns:us-east-1:1:t${i}`) } } },
    'alarm-dimensions': { aws_cloudwatch_metric_alarm: { a: { dimensions: Object.fromEntries(many(31, (i): [string, string] => [`d${i}`, 'v'])) } } },
    'oidc-client-ids': { aws_iam_openid_connect_provider: { o: { client_id_list: many(101, (i) => `aud-${i}`), thumbprint_list: [] } } },
    'oidc-thumbprints': { aws_iam_openid_connect_provider: { o: { client_id_list: ['a'], thumbprint_list: many(6, (i) => String(i).repeat(40)) } } },
    'sns-display-name': { aws_sns_topic: { t: { name: 't', display_name: 'x'.repeat(101) } } },
  };
  it.each(Object.keys(BAD) as AwsApiRuleId[])('%s', (rule) => {
    expect(checkAwsApiLimits(BAD[rule]).map((v) => v.rule)).toContain(rule);
  });
});

describe('a trail of more granted resources than its 500 selector values', () => {
  const stack = synthOnce(ESTATE_NAME)['estate-prod'];
  const trail = Object.values(ofType(stack, 'aws_cloudtrail'))[0] as { advanced_event_selector: { field_selector: Record<string, unknown>[] }[] };
  const arnSelector = trail.advanced_event_selector.flatMap((s) => s.field_selector).find((f) => f.field === 'resources.ARN') as { starts_with: string[] };

  it('records every granted bucket by prefix, within the quota', () => {
    const values = trail.advanced_event_selector.flatMap((s) => s.field_selector).flatMap((f) => Object.values(f).filter(Array.isArray).flat());
    expect(values.length).toBeLessThanOrEqual(TRAIL_SELECTOR_VALUES);
    for (let i = 0; i < 600; i++) {
      const object = `arn:aws:s3:::${bucketName(i).replace('{env}', 'prod')}/any/key`;
      expect(arnSelector.starts_with.some((p) => object.startsWith(p))).toBe(true);
    }
    // Coarse, not everything: the prefixes still name the estate's buckets.
    expect(arnSelector.starts_with.every((p) => p.startsWith('arn:aws:s3:::acme-data-'))).toBe(true);
  });
});

describe('refused at load, with the path', () => {
  const load = (yaml: string) => {
    try {
      parseSpec(yaml, 'c.yaml');
    } catch (e) {
      if (e instanceof ConfigError) return e.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
      throw e;
    }
    return [];
  };
  const withExtra = (statements: string, access = '[{ resource: b, allow: [read] }]') => `app: acme
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }
resources:
  b: { kind: bucket, aws: { bucket: acme-files } }
workloads:
  app:
    description: App
    owner: team-app
    runsOn: { aws: lambda }
    access: ${access}
    extraAccess:
      aws:
${statements}
`;
  it('an extraAccess Sid equal to a generated one, or to another extraAccess Sid', () => {
    const problems = load(
      withExtra(`        - { Sid: ReadObjectsOfB, Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::x/*" }
        - { Sid: Mine, Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::y/*" }
        - { Sid: Mine, Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::z/*" }`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^workloads\.app\.extraAccess\.aws\.0\.Sid: statement id "ReadObjectsOfB" is already used by a statement generated from access/),
      expect.stringMatching(/^workloads\.app\.extraAccess\.aws\.2\.Sid: statement id "Mine" is already used by extraAccess\.aws\[1\]/),
    ]);
  });

  it.each([
    ['an unknown condition operator', '{ Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: { StringEqualz: { "aws:SourceAccount": "1" } } }', /Condition\.StringEqualz: .* is not an IAM condition operator/],
    ['an unknown set operator', '{ Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: { "ForSomeValues:StringEquals": { "aws:TagKeys": ["a"] } } }', /is not an IAM condition operator/],
    ['IfExists on Null', '{ Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: { NullIfExists: { "aws:TagKeys": "true" } } }', /IfExists applies to every operator but Null/],
    ['a resource that is no ARN', '{ Effect: Allow, Action: s3:GetObject, Resource: "my-bucket/*" }', /extraAccess\.aws\.0\.Resource: "my-bucket\/\*" is neither \* nor an ARN/],
    ['an action without service', '{ Effect: Allow, Action: [GetObject], Resource: "*" }', /extraAccess\.aws\.0\.Action\.0: "GetObject" is not an IAM action/],
    ['a character beyond U+00FF', '{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/\u0109/*" }', /extraAccess\.aws\.0\.Resource: holds a character IAM policy documents refuse/],
  ])('%s', (_name, statement, message) => {
    expect(load(withExtra(`        - ${statement}`))).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['ForAnyValue:StringLike', '{ "aws:TagKeys": ["team-*"] }'],
    ['ForAllValues:StringEqualsIgnoreCaseIfExists', '{ "aws:TagKeys": ["a"] }'],
    ['ArnLikeIfExists', '{ "aws:SourceArn": "arn:aws:sns:*:111111111111:*" }'],
    ['Null', '{ "aws:TagKeys": "false" }'],
    ['IpAddress', '{ "aws:SourceIp": "203.0.113.0/24" }'],
    ['DateLessThan', '{ "aws:CurrentTime": "2030-01-01T00:00:00Z" }'],
  ])('accepts the operator %s', (operator, keys) => {
    expect(load(withExtra(`        - { Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: { "${operator}": ${keys} } }`))).toEqual([]);
  });

  it('more than 5 environments making a trail in one account', () => {
    const envs = Array.from({ length: 6 }, (_, i) => `  e${i}:\n    aws: { accountId: "111111111111", region: us-east-1 }\n    monitoring: { notify: [secops@example.com] }`).join('\n');
    expect(load(`app: acme\nenvironments:\n${envs}\nresources: {}\nworkloads:\n  w:\n    description: W\n    owner: team\n    runsOn: { aws: lambda }\n    access: []\n`)).toEqual([expect.stringMatching(/^environments\.e5\.monitoring\.aws: 6 environments .* CloudTrail allows 5 per region/)]);
  });

  it('more than 100 metric filters on one existing log group', () => {
    const envs = Array.from({ length: 51 }, (_, i) => `  e${i}:\n    aws: { accountId: "111111111111", region: us-east-1 }\n    monitoring: { notify: [secops@example.com], aws: { logGroup: /org/trail } }`).join('\n');
    expect(load(`app: acme\nenvironments:\n${envs}\nresources: {}\nworkloads:\n  w:\n    description: W\n    owner: team\n    runsOn: { aws: lambda }\n    access: []\n`)).toEqual([
      expect.stringMatching(/^environments\.e0\.monitoring\.aws\.logGroup: 51 environments \(e0, e1, e2, e3, e4, e5, e6, e7 and 43 more\) put 102 metric filters on log group "111111111111\/us-east-1\/\/org\/trail"; CloudWatch Logs allows 100/),
    ]);
  });

  it('an issuer longer than an IAM OIDC provider URL holds, at the field that makes it', () => {
    const issuer = `https://idp.example.com/${'a'.repeat(240)}`;
    expect(load(`app: acme\nenvironments:\n  dev:\n    aws: { accountId: "111111111111", region: us-east-1 }\n    monitoring: { notify: [secops@example.com] }\nresources: {}\nworkloads:\n  w:\n    description: W\n    owner: team\n    runsOn: { oidc: { issuer: "${issuer}", subject: "client", audience: "aud" } }\n    clouds: [aws]\n    access: []\n`)).toEqual([
      expect.stringMatching(/^workloads\.w\.runsOn\.oidc\.issuer: the issuer it makes, "https:\/\/idp\.example\.com\/a+…" \(264 characters\), is longer than the 255 characters an IAM OIDC provider URL holds$/),
    ]);
  });

  it('more than 100 audiences for one IAM OIDC provider', () => {
    const workloads = Array.from({ length: 101 }, (_, i) => `  w${i}:\n    description: W\n    owner: team\n    runsOn: { oidc: { issuer: "https://idp.example.com", subject: "client-${i}", audience: "aud-${i}" } }\n    clouds: [aws]\n    access: []`).join('\n');
    expect(load(`app: acme\nenvironments:\n  dev:\n    aws: { accountId: "111111111111", region: us-east-1 }\n    monitoring: { notify: [secops@example.com] }\nresources: {}\nworkloads:\n${workloads}\n`)).toEqual([
      expect.stringMatching(/^environments\.dev\.aws: the IAM OIDC provider of "https:\/\/idp\.example\.com" .* 101 audiences; IAM allows 100/),
    ]);
  });
});
