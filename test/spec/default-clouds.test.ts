/**
 * The default of `clouds` (no idle identities): the cloud a workload runs on, plus every cloud of
 * its environment where one of its grants names something; an explicit list wins, and WI-IDLE-001
 * warns of the identities it asks for with nothing to do. Expectations are written from the
 * configs below, not read from the code.
 */
import { parseSpec } from '../../lib/config/load';
import { findingsOf, synthChecked } from '../helpers/guardrails';
import { printedProblems } from '../helpers/printed-problems';
import { threeCloudEnvironment } from '../helpers/configs';
import { synthStacks } from '../helpers/synth';

/** One resource per cloud, one on all three. */
const RESOURCES = `
resources:
  ledger:   { kind: bucket, aws: { bucket: acme-ledger } }
  token:    { kind: secret, gcp: { secret: token } }
  jobs:     { kind: queue, azure: { namespace: sb-acme, queue: jobs } }
  files:    { kind: bucket, aws: { bucket: acme-files }, gcp: { bucket: acme-files }, azure: { storageAccount: acmefiles, container: files } }
`;

const AWS_ONLY_ENV = `
  qa:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }`;

/** A workload entry: `rest` holds its other lines (access, clouds, ...), indented. */
const w = (name: string, runsOn: string, rest = '    access: []\n') => `  ${name}:\n    description: ${name}\n    owner: team-${name}\n    runsOn: ${runsOn}\n${rest}`;

const configOf = (workloads: string, environments = threeCloudEnvironment('dev')) => `app: acme\nenvironments:${environments}\n${RESOURCES}\nworkloads:\n${workloads}`;

/** Each workload's clouds, per environment. */
function cloudsOf(text: string): Record<string, Record<string, readonly string[]>> {
  return Object.fromEntries(parseSpec(text, 'test.yaml').environments.map((env) => [env.name, Object.fromEntries(env.workloads.map((x) => [x.name, x.clouds]))]));
}

const GITHUB = '{ github: { repository: acme/app, ref: refs/heads/main } }';
const K8S = '{ kubernetes: { issuer: "https://oidc.example.com", namespace: shop, serviceAccount: api } }';
const TFC = '{ terraformCloud: { organization: acme, project: infra, workspace: infra-dev, runPhase: apply } }';
const OIDC = '{ oidc: { issuer: "https://idp.example.com", subject: "job:1", audience: acme } }';

describe('the default clouds of a workload', () => {
  it('is the cloud it runs on, plus each cloud its grants name, for every runsOn form', () => {
    const text = configOf(
      [
        w('lambda', '{ aws: lambda }', '    access: [{ resource: token, allow: [read] }]\n'),
        w('task', '{ aws: ecs-task }'),
        w('vm', '{ aws: ec2 }', '    access: [{ resource: ledger, allow: [read] }]\n'),
        w('run', '{ gcp: cloud-run }', '    access: [{ resource: jobs, allow: [send] }]\n'),
        w('fn', '{ gcp: cloud-functions }', '    access: []\n    extraAccess: { aws: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-ledger/*" }] }\n'),
        w('gce', '{ gcp: compute }'),
        w('func', '{ azure: functions }'),
        w('app', '{ azure: container-apps }', '    access: [{ resource: files, allow: [read] }]\n'),
        w('pod', K8S, '    access: [{ resource: token, allow: [read] }]\n'),
        w('ci', GITHUB, '    access: []\n    extraAccess: { azure: [{ role: Reader, scope: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dev/providers/Microsoft.Storage/storageAccounts/acmefiles" }] }\n'),
        w('infra', TFC, '    access: [{ resource: files, allow: [read, write] }]\n'),
        w('job', OIDC, '    access: [{ resource: ledger, allow: [read] }, { resource: token, allow: [read] }]\n'),
      ].join(''),
    );
    expect(cloudsOf(text)).toEqual({
      dev: {
        lambda: ['aws', 'gcp'], // runs on AWS, reads a GCP secret
        task: ['aws'], // no grant: only where it runs
        vm: ['aws'], // its grant is on the cloud it runs on
        run: ['gcp', 'azure'],
        fn: ['aws', 'gcp'], // extraAccess names AWS
        gce: ['gcp'],
        func: ['azure'],
        app: ['aws', 'gcp', 'azure'], // the bucket is named on all three
        pod: ['gcp'], // a cluster runs on no cloud: only its grant's
        ci: ['azure'], // extraAccess names Azure
        infra: ['aws', 'gcp', 'azure'],
        job: ['aws', 'gcp'],
      },
    });
  });

  it('leaves out a granted cloud the environment does not configure', () => {
    const text = configOf(w('lambda', '{ aws: lambda }', '    access: [{ resource: files, allow: [read] }]\n'), threeCloudEnvironment('dev') + AWS_ONLY_ENV);
    expect(cloudsOf(text)).toEqual({ dev: { lambda: ['aws', 'gcp', 'azure'] }, qa: { lambda: ['aws'] } });
  });

  it('gives way to an explicit clouds, which still keeps the cloud a runtime runs on', () => {
    const text = configOf(
      // files is named on all three clouds: the list, not the grant, decides.
      w('lambda', '{ aws: lambda }', '    clouds: [azure]\n    access: [{ resource: files, allow: [read] }]\n') +
        w('ci', GITHUB, '    clouds: [aws]\n    access: [{ resource: files, allow: [read] }]\n') +
        w('pod', K8S, '    clouds: [gcp, azure]\n    access: []\n'),
    );
    expect(cloudsOf(text)).toEqual({ dev: { lambda: ['aws', 'azure'], ci: ['aws'], pod: ['gcp', 'azure'] } });
  });
});

describe('a workload the default gives no identity', () => {
  it('is refused at load with its path and line, beside the config\'s other problems, when it grants nothing', () => {
    const text = configOf(w('ci', GITHUB) + w('task', '{ aws: ecs-task }', '    access: [{ resource: ledger, allow: [rwx] }]\n'));
    const problems = printedProblems(text);
    expect(problems).toEqual([
      expect.stringMatching(/^ {2}line \d+: workloads\.ci: runs on no cloud and grants nothing on any .*: add access, or list its clouds explicitly$/),
      expect.stringMatching(/^ {2}line \d+: workloads\.task\.access\[0\]\.allow\[0\]: "rwx" is not one of read, write, delete/),
    ]);
    const line = Number(/line (\d+)/.exec(problems[0])?.[1]);
    expect(text.split('\n')[line - 1]).toBe('    description: ci');
  });

  it('is refused in an environment that configures none of the clouds its grants name', () => {
    const problems = printedProblems(configOf(w('ci', GITHUB, '    access: [{ resource: token, allow: [read] }]\n'), threeCloudEnvironment('dev') + AWS_ONLY_ENV));
    expect(problems).toEqual([
      expect.stringMatching(/^ {2}line \d+: workloads\.ci: its grants name only gcp, which environment qa does not configure, so it would get no identity there/),
    ]);
  });

  it('loads where it lists its clouds, or leaves that environment out', () => {
    expect(printedProblems(configOf(w('ci', GITHUB, '    clouds: [aws]\n    access: []\n')))).toEqual([]);
    expect(printedProblems(configOf(w('ci', GITHUB, '    environments: [dev]\n    access: [{ resource: token, allow: [read] }]\n'), threeCloudEnvironment('dev') + AWS_ONLY_ENV))).toEqual([]);
  });
});

describe('WI-IDLE-001: an identity with nothing to do', () => {
  const SUPPRESS = '    suppress: [{ rule: WI-IDLE-001, reason: "its GCP grants are made by the data team" }]\n';
  const outcome = (workloads: string) => synthChecked(configOf(workloads));

  it('warns of each identity an explicit clouds asks for where the workload neither runs nor has a grant', () => {
    const result = outcome(
      w('lambda', '{ aws: lambda }', '    clouds: [aws, gcp, azure]\n    access: [{ resource: token, allow: [read] }]\n') +
        w('ci', GITHUB, '    clouds: [aws, gcp]\n    access: [{ resource: ledger, allow: [read] }]\n'),
    );
    // lambda: AWS is where it runs, GCP has its grant, Azure has nothing. ci: AWS has its grant, GCP nothing.
    expect(findingsOf(result, 'WI-IDLE-001')).toEqual(['ci google_service_account.ci', 'lambda azurerm_user_assigned_identity.lambda']);
    expect(result.result.findings.find((f) => f.rule === 'WI-IDLE-001')?.level).toBe('warning');
  });

  it('finds nothing where the default decides, or every asked cloud has a grant', () => {
    const result = outcome(
      w('lambda', '{ aws: lambda }', '    access: [{ resource: token, allow: [read] }]\n') +
        w('ci', GITHUB, '    clouds: [aws, gcp, azure]\n    access: [{ resource: files, allow: [read] }]\n') +
        w('task', '{ aws: ecs-task }'),
    );
    expect(findingsOf(result, 'WI-IDLE-001')).toEqual([]);
  });

  it('is suppressed on the workload with a reason', () => {
    const result = outcome(w('ci', GITHUB, `    clouds: [aws, gcp]\n${SUPPRESS}    access: [{ resource: ledger, allow: [read] }]\n`));
    expect(findingsOf(result, 'WI-IDLE-001')).toEqual([]);
    expect(findingsOf(result, 'WI-IDLE-001', 'suppressed')).toEqual(['ci google_service_account.ci']);
  });
});

describe('an idle cloud leaves nothing behind', () => {
  it('makes a Lambda with AWS grants only an AWS role: no other identity, token call or outbound issuer variable', () => {
    const json = JSON.stringify(synthStacks(configOf(w('lambda', '{ aws: lambda }', '    access: [{ resource: ledger, allow: [read] }]\n')))['acme-dev']);
    expect(json).toContain('"aws_iam_role"');
    expect(json).not.toContain('"google_service_account"');
    expect(json).not.toContain('"azurerm_user_assigned_identity"');
    expect(json).not.toContain('sts:GetWebIdentityToken');
    expect(json).not.toContain('aws_outbound_issuer');
  });
});
