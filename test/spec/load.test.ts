import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../lib/spec/config-error';
import { loadSpec, parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, withServiceAccountQuota, workload } from '../helpers/configs';
import { example } from '../helpers/synth';

/** The problems a config has, as `path: message` lines (the loader must throw ConfigError). */
function problemsOf(text: string): string[] {
  try {
    parseSpec(text, 'bad.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.path.reduce<string>((o, k) => (typeof k === 'number' ? `${o}[${k}]` : o ? `${o}.${k}` : k), '')}: ${p.message}`);
  }
  throw new Error('expected the config to be rejected');
}

/** The refusal of a federated workload that grants nothing (lib/config/validate.ts). */
const NO_IDENTITY =
  'runs on no cloud and grants nothing on any (no access to a resource named on a cloud, no extraAccess), so it would get no identity: add access, or list its clouds explicitly';
const lambda = (access: string[] = ['{ resource: bucket, allow: [read] }'], extra = '') => workload('worker', '{ aws: lambda }', access, extra);

describe('loading a valid config', () => {
  it('loads the embedded example, applying defaults and expanding {env}', () => {
    const spec = parseSpec(example('identity.yaml'));
    expect(spec.app).toBe('payments');
    expect(spec.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    const [dev, prod] = spec.environments;
    // deployer is restricted to prod and to aws+gcp; invoice-renderer defaults to every cloud.
    expect(dev.workloads.map((w) => w.name)).not.toContain('deployer');
    const deployer = prod.workloads.find((w) => w.name === 'deployer');
    expect(deployer?.clouds).toEqual(['aws', 'gcp']);
    expect(deployer?.source).toMatchObject({ type: 'oidc', subject: 'repo:acme/payments:environment:prod' });
    const renderer = dev.workloads.find((w) => w.name === 'invoice-renderer');
    expect(renderer?.clouds).toEqual(['aws', 'gcp', 'azure']);
    expect(renderer?.sessionMinutes).toBe(60);
    const invoices = renderer?.grants.find((g) => g.resource.name === 'invoices');
    expect(invoices?.resource.clouds.aws).toEqual({ bucket: 'acme-invoices-dev' });
    expect(invoices?.resource.clouds.azure).toEqual({ storageAccount: 'acmeinvoicesdev', container: 'invoices' });
    expect(prod.aws?.permissionsBoundaryArn).toBe('arn:aws:iam::222222222222:policy/workload-boundary');
    expect(prod.terraformCloud).toEqual({ organization: 'acme', project: 'payments', hostname: 'app.terraform.io' });
    expect(dev.terraformCloud).toBeUndefined();
  });

  it('gives a runtime workload an identity on the cloud it runs on even when clouds omits it', () => {
    const spec = parseSpec(config(lambda(['{ resource: bucket, allow: [read] }'], '    clouds: [gcp]\n')));
    expect(spec.environments[0].workloads[0].clouds).toEqual(['aws', 'gcp']);
  });
});

describe('rejecting a bad config', () => {
  it('reports unknown fields with the fields that are allowed', () => {
    expect(problemsOf(config(lambda(undefined, '    colour: blue\n')))).toEqual([
      expect.stringMatching(/^workloads\.worker\.colour: unknown field \(expected one of description, owner, runsOn/),
    ]);
  });

  it('reports duplicate keys with their line', () => {
    const text = config(lambda()).replace('    owner: team-worker\n', '    owner: team-worker\n    owner: team-other\n');
    expect(() => parseSpec(text, 'dup.yaml')).toThrow(/line 21: workloads\.worker\.owner: the key "owner" is set twice, on lines 20 and 21/);
  });

  it('reports wrong types and missing fields', () => {
    const text = config(lambda()).replace('accountId: "111111111111"', 'accountId: 111111111111').replace('    owner: team-worker\n', '');
    expect(problemsOf(text)).toEqual([
      'environments.dev.aws.accountId: must be text (got a number 111111111111: quote it in YAML)',
      'workloads.worker.owner: is required',
    ]);
  });

  it('reports unknown resources and levels that the kind does not have, with the levels it has', () => {
    const text = config(lambda(['{ resource: buckett, allow: [read] }', '{ resource: bucket, allow: [read, rwx] }', '{ resource: secret, allow: [write] }']));
    expect(problemsOf(text)).toEqual([
      'workloads.worker.access[0].resource: "buckett" is not a resource (known: bucket, secret, queue, topic, key)',
      'workloads.worker.access[1].allow[1]: "rwx" is not one of read, write, delete (levels of bucket bucket)',
      'workloads.worker.access[2].allow[0]: "write" is not one of read (levels of secret secret)',
    ]);
  });

  it('reports environments and clouds that are not configured', () => {
    const awsOnly = `
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [a@example.com] }`;
    const text = config(
      workload('ci', '{ github: { repository: acme/app, ref: refs/heads/main } }', ['{ resource: bucket, allow: [read] }'], '    clouds: [aws, gcp]\n    environments: [dev, qa]\n') +
        workload('fn', '{ azure: functions }', ['{ resource: bucket, allow: [read] }']),
      awsOnly,
    );
    expect(problemsOf(text)).toEqual([
      'workloads.ci.clouds[1]: gcp is not configured in environment dev',
      'workloads.ci.environments[1]: "qa" is not an environment (known: dev)',
      'workloads.fn.runsOn.azure: the workload runs on azure, but environment dev configures no azure',
    ]);
  });

  it("reports names that break a cloud's rules after {env} is expanded", () => {
    const text = config(lambda()).replace('storageAccount: acmefiles', 'storageAccount: "acme-files-{env}"').replace('bucket: acme-files }, gcp', 'bucket: Acme_Files }, gcp');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^resources\.bucket\.aws\.bucket: "Acme_Files" is not a valid S3 bucket name/),
      expect.stringMatching(/^resources\.bucket\.azure\.storageAccount: "acme-files-dev" is not a valid Azure storage account name/),
    ]);
  });

  it('rejects Terraform syntax and unknown placeholders anywhere', () => {
    const text = config(lambda(undefined)).replace('description: worker workload', 'description: "costs ${var.x} and %{if 1}"').replace('name: app/secret', 'name: "app/{zone}"');
    expect(problemsOf(text)).toEqual([
      'resources.secret.aws.name: "app/{zone}" has an unknown placeholder {zone}: only {env}, {account}, {region}, {project} are replaced',
      expect.stringMatching(/^workloads\.worker\.description: .* contains Terraform template syntax/),
    ]);
  });

  it('rejects wildcard and unpinned subjects', () => {
    const text = config(
      workload('ci', '{ github: { repository: "acme/*", environment: prod } }') +
        workload('ci2', '{ github: { repository: acme/app } }') +
        workload('pod', '{ kubernetes: { issuer: "https://oidc.example.com", namespace: "*", serviceAccount: "app sa" } }'),
    );
    // None of the three grants anything, and none runs on a cloud: each is also refused for getting no identity, in the same report.
    const idle = (name: string) => `workloads.${name}: ${NO_IDENTITY}`;
    expect(problemsOf(text)).toEqual([
      idle('ci'),
      'workloads.ci.runsOn.github.repository: "acme/*" is a wildcard: a federated trust must pin the exact subject (or suppress WI-FED-001 on the workload with a reason)',
      idle('ci2'),
      'workloads.ci2.runsOn.github: set exactly one of environment or ref: the subject must name one',
      idle('pod'),
      'workloads.pod.runsOn.kubernetes.namespace: "*" is a wildcard: a federated trust must pin the exact subject (or suppress WI-FED-001 on the workload with a reason)',
      'workloads.pod.runsOn.kubernetes.serviceAccount: "app sa" may not contain spaces, quotes, backslashes or control characters',
    ]);
  });

  it('reports more than one runsOn and an empty one', () => {
    const text = config(workload('a', '{ aws: lambda, gcp: cloud-run }') + workload('b', '{}'));
    expect(problemsOf(text)).toEqual([
      'workloads.a.runsOn: set exactly one of aws, gcp, azure, kubernetes, eks, gke, github, terraformCloud, oidc (got aws, gcp)',
      'workloads.b.runsOn: set exactly one of aws, gcp, azure, kubernetes, eks, gke, github, terraformCloud, oidc (got none)',
    ]);
  });

  it('reports every problem at once, in file order, with line numbers in the message', () => {
    const text = config(lambda(['{ resource: nope, allow: [read] }'], '    colour: blue\n')).replace('app: acme', 'app: ACME');
    let error: ConfigError | undefined;
    try {
      parseSpec(text, 'many.yaml');
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toHaveLength(3);
    expect(error?.message.split('\n')[0]).toBe('many.yaml: 3 problems in the config');
    expect(error?.message).toMatch(/line 1: app: "ACME" is not valid: expected app name/);
    const lines = error?.problems.map((p) => p.line ?? 0) ?? [];
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('reports an unreadable or oversized file by name', () => {
    expect(() => loadSpec('/nonexistent/identity.yaml')).toThrow(/^\/nonexistent\/identity\.yaml: 1 problem in the config\n {2}\(root\): cannot open the file \(ENOENT\)/);
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-')), 'big.yaml');
    fs.writeFileSync(big, Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(() => loadSpec(big)).toThrow(/the file is 17825792 bytes; the limit is 16777216/);
  });

  it('accepts the environment of a workload only among those configured', () => {
    const twoEnvs = threeCloudEnvironment('dev') + threeCloudEnvironment('prod');
    const spec = parseSpec(config(lambda(undefined, '    environments: [prod]\n'), twoEnvs));
    expect(spec.environments.map((e) => e.workloads.length)).toEqual([0, 1]);
  });
});

describe('subjects Google Cloud cannot hold', () => {
  const longWorkspace = `ws-${'x'.repeat(100)}`;
  // The secret is named on every cloud: by default, the workload gets an identity on each.
  const tfc = (extra = '') =>
    config(workload('infra', `{ terraformCloud: { organization: acme, project: platform, workspace: ${longWorkspace}, runPhase: apply } }`, ['{ resource: secret, allow: [read] }'], extra));

  it('rejects a subject over 127 bytes when the workload needs a GCP identity', () => {
    expect(problemsOf(tfc())).toEqual([expect.stringMatching(/^workloads\.infra\.runsOn: in environment dev, Google Cloud would map this source to a subject of 1\d\d bytes .*; it accepts at most 127 /)]);
  });

  it('accepts it when the workload stays off GCP', () => {
    expect(parseSpec(tfc('    clouds: [aws, azure]\n')).environments[0].workloads[0].clouds).toEqual(['aws', 'azure']);
  });
});

describe("GCP's attribute condition limit", () => {
  const idpWorkloads = (n: number) =>
    Array.from({ length: n }, (_, i) => workload(`job-${i}`, `{ oidc: { issuer: "https://ci.example.com", subject: "pipeline:acme/service-${i}:deploy", audience: acme } }`, [], '    clouds: [gcp]\n')).join('');

  it('reports an environment whose OIDC subjects no condition can admit', () => {
    expect(problemsOf(config(idpWorkloads(150), withServiceAccountQuota(threeCloudEnvironment(), 200)))).toEqual([
      expect.stringMatching(/^environments\.dev: 150 workloads federate into Google Cloud from "https:\/\/ci\.example\.com": no attribute condition within Google's 4096 characters/),
    ]);
  });

  it('accepts as many as fit', () => {
    expect(parseSpec(config(idpWorkloads(80))).environments[0].workloads).toHaveLength(80);
  });
});
