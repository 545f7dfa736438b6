/**
 * `{account}`, `{region}` and `{project}` stand for the environment's AWS account id, AWS region
 * and GCP project id wherever `{env}` stands for its name, so an ARN needs no `*` account.
 */
import { parseSpec } from '../../lib/config/load';
import { printedProblems } from '../helpers/printed-problems';

const ENVIRONMENTS = `environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    gcp: { projectId: acme-dev-1, projectNumber: "123456789012", region: us-central1 }
    monitoring: { notify: [secops@example.com] }
  prod:
    aws: { accountId: "222222222222", region: eu-west-1 }
    gcp: { projectId: acme-prod-1, projectNumber: "223456789012", region: europe-west1 }
    monitoring: { notify: [secops@example.com] }
`;

const config = (environments: string, workloadExtra = '') => `app: acme
${environments}resources:
  files: { kind: bucket, aws: { bucket: "files-{account}-{region}" }, gcp: { bucket: "files-{project}" } }
workloads:
  worker:
    description: Worker
    owner: team-a
    runsOn: { github: { repository: acme/app, environment: "{env}-{region}" } }
${workloadExtra}    access: [{ resource: files, allow: [read] }]
    extraAccess:
      aws:
        - { Effect: Allow, Action: "ssm:GetParameter", Resource: "arn:aws:ssm:{region}:{account}:parameter/{env}/worker" }
`;

describe('placeholders of the environment', () => {
  const spec = parseSpec(config(ENVIRONMENTS));

  it.each([
    ['dev', '111111111111', 'us-east-1', 'acme-dev-1'],
    ['prod', '222222222222', 'eu-west-1', 'acme-prod-1'],
  ])('%s: expands each to its own values, in resources, sources and extraAccess', (env, account, region, project) => {
    const w = spec.environments.find((e) => e.name === env)?.workloads[0];
    expect(w?.grants[0].resource.clouds).toEqual({ aws: { bucket: `files-${account}-${region}` }, gcp: { bucket: `files-${project}` } });
    expect(w?.source).toMatchObject({ subject: `repo:acme/app:environment:${env}-${region}` });
    expect(w?.extraAccess.aws[0].Resource).toBe(`arn:aws:ssm:${region}:${account}:parameter/${env}/worker`);
  });

  it('an environment without AWS cannot expand {account} or {region}: an error at the path and line', () => {
    const gcpOnly = ENVIRONMENTS.replace('    aws: { accountId: "222222222222", region: eu-west-1 }\n', '');
    expect(printedProblems(config(gcpOnly))).toEqual([
      '  line 16: workloads.worker.runsOn.github.environment: "{env}-{region}" uses {region}, which is aws.region, but environment prod configures no aws',
      '  line 20: workloads.worker.extraAccess.aws[0].Resource: "arn:aws:ssm:{region}:{account}:parameter/{env}/worker" uses {region}, which is aws.region, but environment prod configures no aws',
      '  line 20: workloads.worker.extraAccess.aws[0].Resource: "arn:aws:ssm:{region}:{account}:parameter/{env}/worker" uses {account}, which is aws.accountId, but environment prod configures no aws',
    ]);
  });

  it("a resource's fields of one cloud need that cloud only where it is configured", () => {
    // prod has no AWS: the bucket's AWS name is never used there, so {account} is not needed there.
    const gcpOnly = ENVIRONMENTS.replace('    aws: { accountId: "222222222222", region: eu-west-1 }\n', '');
    const text = config(gcpOnly, '    environments: [dev]\n');
    expect(printedProblems(text)).toEqual([]);
  });

  it('an environment without GCP cannot expand {project}', () => {
    const awsOnly = ENVIRONMENTS.replace('    gcp: { projectId: acme-prod-1, projectNumber: "223456789012", region: europe-west1 }\n', '');
    const text = config(awsOnly).replace('environment: "{env}-{region}"', 'environment: "{project}"');
    expect(printedProblems(text)).toEqual([
      '  line 16: workloads.worker.runsOn.github.environment: "{project}" uses {project}, which is gcp.projectId, but environment prod configures no gcp',
    ]);
  });
});
