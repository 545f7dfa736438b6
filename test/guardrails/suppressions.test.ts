/**
 * Suppressions and the escape hatch: validated at load (reason, rule id, shape), matched after
 * synth (by rule, workload or environment, and appliesTo), unused ones fail synth with their
 * config path; wildcard subjects only with a reasoned suppression, and only on AWS.
 */
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { consoleReport } from '../../lib/guardrails/run/console-report';
import { ConfigError, formatPath } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { findingsOf, synthChecked } from '../helpers/guardrails';

const BASE = `
app: shop
environments:
  dev:
    aws:   { accountId: "111111111111", region: us-east-1 }
    gcp:   { projectId: shop-dev, projectNumber: "123456789012", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: 00000000-0000-0000-0000-0000000000aa,
             resourceGroup: rg-shop-dev, location: eastus }
    monitoring: { notify: [secops@example.com] }
ENV_EXTRA
resources:
  orders: { kind: bucket, aws: { bucket: "shop-orders-{env}" } }
workloads:
  api:
    description: Order API
    owner: team-shop
    runsOn: { aws: lambda }
    clouds: [aws]
    access: [{ resource: orders, allow: [read] }]
WORKLOAD_EXTRA
  other:
    description: Another workload
    owner: team-shop
    runsOn: { aws: ecs-task }
    clouds: [aws]
    access: [{ resource: orders, allow: [read] }]
`;

/** BASE with lines added to the `dev` environment and to the `api` workload (indented for them). */
const config = (workloadExtra = '', envExtra = '') =>
  BASE.replace('ENV_EXTRA', envExtra.replace(/^/gm, '    ')).replace('WORKLOAD_EXTRA', workloadExtra.replace(/^/gm, '    '));

const WILD = 'extraAccess: { aws: [{ Effect: Allow, Action: "sqs:Send*", Resource: "*" }] }';

/** The problems of a config that must not load, as `path: message`. */
function problems(yaml: string): string[] {
  try {
    parseSpec(yaml, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
    throw err;
  }
  throw new Error('the config loaded');
}

describe('suppressions at load time', () => {
  it('rejects a short reason and an unknown rule, on workloads and environments, with their paths', () => {
    const found = problems(config('suppress: [{ rule: WI-AWS-001, reason: "legacy" }, { rule: WI-NOPE-999, reason: "a long enough reason" }]', 'suppress: [{ rule: WI-XYZ-001, reason: "short" }]'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^workloads\.api\.suppress\[0\]\.reason: "legacy" is too short/),
        expect.stringMatching(/^workloads\.api\.suppress\[1\]\.rule: "WI-NOPE-999" is not a guardrail rule \(known: WI-AWS-001, /),
        expect.stringMatching(/^environments\.dev\.suppress\[0\]\.rule: "WI-XYZ-001" is not a guardrail rule/),
        expect.stringMatching(/^environments\.dev\.suppress\[0\]\.reason: "short" is too short/),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('requires a reason', () => {
    expect(problems(config('suppress: [{ rule: WI-AWS-001 }]'))).toEqual(['workloads.api.suppress[0].reason: is required']);
  });
});

describe('suppressions after synth', () => {
  it('fails synth on an error finding, listing rule, stack, workload, cloud, address and fix', () => {
    const outcome = synthChecked(config(WILD));
    expect(outcome.failed).toBe(true);
    const text = consoleReport(outcome.result, 'out/guardrails');
    expect(text).toContain('ERROR WI-AWS-001 shop-dev workload=api cloud=aws aws_iam_role_policy.api#Action::sqs:Send*');
    expect(text).toContain(`fix: ${outcome.result.findings[0].fix}`);
    expect(text).toMatch(/synth FAILED/);
  });

  it('suppresses only the findings appliesTo names (by detail or by finding id)', () => {
    const partly = synthChecked(config(`${WILD}\nsuppress: [{ rule: WI-AWS-001, reason: "queue list is generated at run time", appliesTo: ["Action::sqs:Send*"] }]`));
    expect(findingsOf(partly, 'WI-AWS-001', 'suppressed')).toEqual(['api aws_iam_role_policy.api#Action::sqs:Send*']);
    expect(findingsOf(partly, 'WI-AWS-001')).toEqual(['api aws_iam_role_policy.api#Resource::*']);
    expect(partly.failed).toBe(true);

    const fully = synthChecked(
      config(`${WILD}\nsuppress: [{ rule: WI-AWS-001, reason: "queue list is generated at run time", appliesTo: ["Action::sqs:Send*", "aws_iam_role_policy.api#Resource::*"] }]`),
    );
    expect(fully.failed).toBe(false);
    expect(fully.result.suppressed.map((f) => f.suppression)).toEqual([
      { reason: 'queue list is generated at run time', path: ['workloads', 'api', 'suppress', 0] },
      { reason: 'queue list is generated at run time', path: ['workloads', 'api', 'suppress', 0] },
    ]);
  });

  it("does not let a workload's suppression cover another workload, and reports it unused with its path", () => {
    const yaml = config(WILD).replace('runsOn: { aws: ecs-task }', 'runsOn: { aws: ecs-task }\n    suppress: [{ rule: WI-AWS-001, reason: "not this workload at all" }]');
    const outcome = synthChecked(yaml);
    expect(findingsOf(outcome, 'WI-AWS-001')).toHaveLength(2);
    expect(outcome.result.unusedSuppressions.map((s) => formatPath(s.path))).toEqual(['workloads.other.suppress[0]']);
    expect(consoleReport(outcome.result, 'x')).toContain('ERROR workloads.other.suppress[0]: suppression of WI-AWS-001 matches no finding');
  });

  it('reports an appliesTo entry that names nothing, at its own path, even when its siblings match', () => {
    const outcome = synthChecked(config(`${WILD}\nsuppress: [{ rule: WI-AWS-001, reason: "queue list is generated at run time", appliesTo: ["Action::sqs:Send*", "Resource::*", "Action::s3:Get*"] }]`));
    expect(outcome.result.findings).toEqual([]);
    expect(outcome.result.unusedSuppressions.map((s) => formatPath(s.path))).toEqual(['workloads.api.suppress[0].appliesTo[2]']);
    expect(outcome.failed).toBe(true);
  });

  it('fails synth on a suppression that matches nothing, even when nothing else is wrong', () => {
    const outcome = synthChecked(config('suppress: [{ rule: WI-GCP-001, reason: "we expected a basic role here" }]'));
    expect(outcome.result.findings).toEqual([]);
    expect(outcome.failed).toBe(true);
    expect(outcome.result.unusedSuppressions.map((s) => formatPath(s.path))).toEqual(['workloads.api.suppress[0]']);
  });

  it('lets an environment suppression cover a hand-added resource of no workload', () => {
    const env = 'suppress: [{ rule: WI-CRED-001, reason: "break-glass key, rotated by the vault job", appliesTo: [aws_iam_access_key.breakglass] }]';
    const outcome = synthChecked(config('', env), (stacks) => {
      new IamAccessKey(stacks[0], 'breakglass', { user: 'breakglass' }).overrideLogicalId('breakglass');
    });
    expect(outcome.failed).toBe(false);
    expect(findingsOf(outcome, 'WI-CRED-001', 'suppressed')).toEqual(['- aws_iam_access_key.breakglass']);
    expect(outcome.result.suppressed[0].suppression.path).toEqual(['environments', 'dev', 'suppress', 0]);
  });
});

describe('wildcard federation subjects', () => {
  const wildcard = (clouds: string, suppress = 'suppress: [{ rule: WI-FED-001, reason: "every repository of acme publishes docs" }]') =>
    config(`${suppress}`).replace(
      /  api:\n[\s\S]*?access: \[\{ resource: orders, allow: \[read\] \}\]\n/,
      `  api:\n    description: Docs publisher\n    owner: team-docs\n    runsOn: { github: { repository: "acme/*", ref: refs/heads/main } }\n    clouds: ${clouds}\n    access: [{ resource: orders, allow: [read] }]\n`,
    );

  it('is a config error without a suppression', () => {
    expect(problems(wildcard('[aws]', ''))).toEqual([
      'workloads.api.runsOn.github.repository: "acme/*" is a wildcard: a federated trust must pin the exact subject (or suppress WI-FED-001 on the workload with a reason)',
    ]);
  });

  it('is matched with StringLike on AWS when suppressed with a reason, the audience staying exact', () => {
    const outcome = synthChecked(wildcard('[aws]'));
    expect(outcome.failed).toBe(false);
    expect(findingsOf(outcome, 'WI-FED-001', 'suppressed')).toEqual(['api aws_iam_role.api#Condition::sub']);
    const role = JSON.parse(require('node:fs').readFileSync(`${outcome.outdir}/stacks/shop-dev/cdk.tf.json`, 'utf8')).resource.aws_iam_role.api;
    const condition = JSON.parse(role.assume_role_policy).Statement[0].Condition;
    expect(condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*:ref:refs/heads/main' },
    });
  });

  it('is refused for GCP and Azure, naming the path and what to do instead', () => {
    const found = problems(wildcard('[aws, gcp, azure]'));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^workloads\.api\.runsOn\.github\.repository: "acme\/\*" is a wildcard, which this project does not federate into GCP.*clouds: \[aws\]/);
    expect(found[1]).toMatch(/^workloads\.api\.runsOn\.github\.repository: "acme\/\*" is a wildcard, which Azure federated identity credentials do not accept.*pin the subject/);
  });
});

describe('extraAccess at load time', () => {
  it('keeps IAM policy variables literal in AWS statements but refuses Terraform syntax elsewhere', () => {
    const ok = parseSpec(config('extraAccess: { aws: [{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::home-{env}/${aws:username}/*" }] }'));
    expect(ok.environments[0].workloads[0].extraAccess.aws).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home-dev/${aws:username}/*' }]);
    expect(problems(config('extraAccess: { azure: [{ role: "${var.role}", scope: /subscriptions/x }] }'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^workloads\.api\.extraAccess\.azure\[0\]\.role: .*Terraform template syntax/)]),
    );
  });

  it('escapes policy variables so Terraform keeps them literal', () => {
    const outcome = synthChecked(config('extraAccess: { aws: [{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::home-{env}/${aws:username}/*" }] }'));
    const policy = JSON.parse(require('node:fs').readFileSync(`${outcome.outdir}/stacks/shop-dev/cdk.tf.json`, 'utf8')).resource.aws_iam_role_policy.api.policy;
    expect(policy).toContain('arn:aws:s3:::home-dev/$${aws:username}/*');
    expect(outcome.failed).toBe(false);
  });

  it('checks the shape each cloud needs, and that the workload has that cloud', () => {
    const found = problems(
      config(
        'extraAccess:\n  aws: [{ Effect: Allow, Action: s3:GetObject, NotAction: s3:PutObject }]\n' +
          '  gcp: [{ role: roles/storage.objectViewer, on: bucket }]\n  azure: [{ role: /subscriptions/x/roleDefinitions/y, scope: /subscriptions/x }]',
      ),
    );
    expect(found.sort()).toEqual([
      'workloads.api.extraAccess.gcp: the workload has no gcp identity (its clouds: aws): remove this or add gcp to clouds',
      'workloads.api.extraAccess.azure: the workload has no azure identity (its clouds: aws): remove this or add azure to clouds',
      'workloads.api.extraAccess.aws[0]: set exactly one of Action or NotAction',
      'workloads.api.extraAccess.aws[0]: set exactly one of Resource or NotResource',
      'workloads.api.extraAccess.gcp[0]: name the bucket the role is bound on',
      'workloads.api.extraAccess.azure[0].role: "/subscriptions/x/roleDefinitions/y" is not a role definition id (/providers/Microsoft.Authorization/roleDefinitions/<guid>) or a role name',
    ].sort());
  });
});
