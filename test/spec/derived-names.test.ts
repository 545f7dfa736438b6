import { printedProblems } from '../helpers/printed-problems';
import fc from 'fast-check';
import { ConfigError } from '../../lib/spec/config-error';
import { DERIVED_NAME_RULES } from '../../lib/spec/derived-names';
import { parseSpec } from '../../lib/config/load';
import { environmentNames, gcpPoolId, identityNames } from '../../lib/spec/names';
import { workload } from '../helpers/configs';

/** An environment on all three clouds in one shared account, project and resource group, so that names compete. */
const sharedEnvironment = (env: string, extra = '') => `
  ${env}:
    aws:   { accountId: "111111111111", region: us-east-1 }
    gcp:   { projectId: acme-shared, projectNumber: "123456789012", region: us-central1 }
    azure: { subscriptionId: 00000000-0000-0000-0000-000000000001, tenantId: 00000000-0000-0000-0000-0000000000aa,
             resourceGroup: rg-shared, location: eastus }
    monitoring: { notify: [secops@example.com]${extra} }`;

const RUNS_ON = '{ github: { repository: acme/app, environment: prod } }';
/** The names of all three clouds compete: every workload asks for an identity on each (it grants nothing). */
const EVERY_CLOUD = '    clouds: [aws, gcp, azure]\n';

/** A config of `app` whose workloads are each deployed to the listed environments. */
function configOf(app: string, envs: string[], workloads: [name: string, envs: string[]][], environment = sharedEnvironment): string {
  const body = workloads.map(([name, in_]) => workload(name, RUNS_ON, [], `${EVERY_CLOUD}    environments: [${in_.join(', ')}]\n`)).join('');
  return `app: ${app}\nenvironments:${envs.map((e) => environment(e)).join('')}\nworkloads:\n${body}`;
}


describe('derived names never collide', () => {
  it('refuses (dev, a-b) beside (dev-a, b): the same role, service account and managed identity, naming both paths and lines', () => {
    const problems = printedProblems(configOf('acme', ['dev', 'dev-a'], [['a-b', ['dev']], ['b', ['dev-a']]]));
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    const first = /^ {2}line (\d+): workloads\.b: workloads\.b in environment dev-a and workloads\.a-b in environment dev \(line (\d+)\) would both be named (.*); rename one of them$/.exec(problem);
    expect(first).not.toBeNull();
    const [, lineB, lineAB, named] = first as RegExpExecArray;
    const text = configOf('acme', ['dev', 'dev-a'], [['a-b', ['dev']], ['b', ['dev-a']]]).split('\n');
    // Each line is the first of that workload's entry.
    expect(text[Number(lineB) - 1]).toBe('    description: b workload');
    expect(text[Number(lineAB) - 1]).toBe('    description: a-b workload');
    expect(named).toContain('acme-dev-a-b (AWS IAM role in account 111111111111, GCP service account in project acme-shared)');
    expect(named).toContain('id-acme-dev-a-b (Azure managed identity in resource group rg-shared)');
  });

  it('compares names per namespace: separate projects and resource groups leave only the shared AWS account', () => {
    const own = (env: string) => sharedEnvironment(env).replace('acme-shared', `acme-${env}`).replace('rg-shared', `rg-${env}`);
    const problems = printedProblems(configOf('acme', ['dev', 'dev-a'], [['a-b', ['dev']], ['b', ['dev-a']]], own));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('would both be named acme-dev-a-b (AWS IAM role in account 111111111111); rename one of them');
    const ownAccount = (env: string) => own(env).replace('111111111111', env === 'dev' ? '111111111111' : '222222222222');
    expect(printedProblems(configOf('acme', ['dev', 'dev-a'], [['a-b', ['dev']], ['b', ['dev-a']]], ownAccount))).toEqual([]);
  });

  it('refuses a workload named like the hash-shortened name of another', () => {
    const long = 'invoice-renderer-for-the-european-region';
    // The GCP id (30 characters) of the long workload is cut and hashed; a workload literally named like its tail gets the same id.
    const shortened = identityNames('acme', 'dev', long).gcpAccountId;
    expect(shortened).toHaveLength(30);
    const literal = shortened.slice('acme-dev-'.length);
    const problems = printedProblems(configOf('acme', ['dev'], [[long, ['dev']], [literal, ['dev']]]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`workloads.${literal} in environment dev and workloads.${long} in environment dev`);
    expect(problems[0]).toContain(`would both be named ${shortened} (GCP service account in project acme-shared)`);
  });

  it('refuses an environment named like the hash-shortened pool id of another in the same project', () => {
    const app = 'abcdefghijklmnop';
    const long = 'qrstuvwxyzabcdef';
    const shortened = gcpPoolId(app, long);
    expect(shortened).toHaveLength(32);
    const literal = shortened.slice(`${app}-`.length);
    const problems = printedProblems(configOf(app, [long, literal], [['w', [long]]]));
    expect(problems).toEqual([
      expect.stringContaining(`environments.${literal}: the workload identity pool of environment ${literal} and the workload identity pool of environment ${long}`),
    ]);
    expect(problems[0]).toContain(`would both be named ${shortened} (GCP workload identity pool in project acme-shared); rename one of the environments`);
  });

  it('compares a renamed workload by the name its identities keep (its oldest name)', () => {
    const text = `app: acme\nenvironments:${sharedEnvironment('dev')}${sharedEnvironment('dev-a')}\nworkloads:\n` +
      workload('renamed', RUNS_ON, [], `${EVERY_CLOUD}    environments: [dev]\n    previousNames: [a-b]\n`) +
      workload('b', RUNS_ON, [], `${EVERY_CLOUD}    environments: [dev-a]\n`);
    const problems = printedProblems(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('workloads.b in environment dev-a and workloads.renamed in environment dev');
    expect(problems[0]).toContain('would both be named acme-dev-a-b');
  });

  it('refuses a workload named like what the environment makes itself (the CloudTrail delivery role)', () => {
    const problems = printedProblems(configOf('acme', ['dev'], [['identity-audit-delivery', ['dev']]]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('workloads.identity-audit-delivery in environment dev and the CloudTrail delivery role of environment dev');
    expect(problems[0]).toContain('acme-dev-identity-audit-delivery (AWS IAM role in account 111111111111); rename the workload');
  });

  it('for random environments and workloads, either every derived name is distinct per namespace or the loader refuses', () => {
    // Short names over a small alphabet, so that joins like dev + a-b and dev-a + b come up often. Environments
    // without "--", which CloudTrail refuses (tested below); any workload name.
    const envPart = fc.constantFrom('a', 'b', 'a-b', 'b-a', 'a-a', 'ab');
    const part = fc.constantFrom('a', 'b', 'a-b', 'b-a', 'a-a', 'ab', 'a--b', 'b-a-b', 'identity-audit-delivery');
    const outcome = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.uniqueArray(envPart, { minLength: 1, maxLength: 3 }), fc.uniqueArray(part, { minLength: 1, maxLength: 4 }), (envs, workloads) => {
        const text = configOf('ap', envs, workloads.map((w) => [w, envs]));
        let loaded = true;
        try {
          parseSpec(text);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          loaded = false;
        }
        // What the synth would name, from the functions the constructs call: identities and the environments' own roles.
        const roles = envs.flatMap((e) => [...workloads.map((w) => identityNames('ap', e, w).awsRole), environmentNames('ap', e).awsDeliveryRole]);
        const accounts = envs.flatMap((e) => workloads.map((w) => identityNames('ap', e, w).gcpAccountId));
        const identities = envs.flatMap((e) => workloads.map((w) => identityNames('ap', e, w).azureIdentity));
        const distinct = [roles, accounts, identities].every((names) => new Set(names).size === names.length);
        // A config is refused for a collision only: these names pass every other rule.
        expect(loaded).toBe(distinct);
        outcome[loaded ? 'loaded' : 'refused']++;
      }),
      { numRuns: 150 },
    );
    // Both outcomes occurred: the property did test the refusal.
    expect(outcome.loaded).toBeGreaterThan(0);
    expect(outcome.refused).toBeGreaterThan(0);
  });
});

describe('derived names the clouds refuse', () => {
  // CloudTrail's own examples (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html, Name).
  it.each([
    ['my-_namespace', false],
    ['my--namespace', false],
    ['192.168.5.4', false],
    ['ab', false],
    ['-trail', false],
    ['trail-', false],
    ['a'.repeat(129), false],
    ['My_Trail.1', true],
    ['a'.repeat(128), true],
  ])('CloudTrail trail name %s is valid: %s', (name, valid) => {
    expect(DERIVED_NAME_RULES['aws-cloudtrail-trail'].valid?.pattern.test(name)).toBe(valid);
  });

  it('refuses an app ending with a hyphen and an environment with two in a row, which make invalid trail names', () => {
    const problems = printedProblems(configOf('pay-', ['dev', 'a--b'], [['worker', ['dev', 'a--b']]]));
    expect(problems.filter((p) => p.includes('CloudTrail trail'))).toHaveLength(2);
    expect(problems.find((p) => p.includes('"pay--dev-identity-audit"'))).toMatch(
      /line \d+: environments\.dev: the CloudTrail trail of environment dev would be named "pay--dev-identity-audit", which AWS refuses \(.*API_CreateTrail\.html\); change the app or environment name$/,
    );
    expect(problems.find((p) => p.includes('"pay--a--b-identity-audit"'))).toMatch(/environments\.a--b: the CloudTrail trail of environment a--b/);
  });

  it('accepts the same names where no trail is made (monitoring.aws.logGroup names an existing one)', () => {
    const withGroup = (env: string) => sharedEnvironment(env, ', aws: { logGroup: existing-trail-group }');
    expect(printedProblems(configOf('pay-', ['dev'], [['worker', ['dev']]], withGroup))).toEqual([]);
  });

  it('refuses an app whose audit bucket name S3 reserves (xn--)', () => {
    const problems = printedProblems(configOf('xn--pay', ['dev'], [['worker', ['dev']]]));
    expect(problems.some((p) => p.includes('audit log bucket of environment dev would be named "xn--pay-dev-identity-audit-111111111111"'))).toBe(true);
  });
});
