import { printedProblems } from '../helpers/printed-problems';
import fc from 'fast-check';
import { brokenNameRule } from '../../lib/kinds';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';


const GITHUB = (repository: string) => `{ github: { repository: ${repository}, environment: prod } }`;
/** A deployer that reads the bucket, named on every cloud: by default it gets an identity on each. */
const deployer = (runsOn: string, extra = '') => workload('deployer', runsOn, ['{ resource: bucket, allow: [read] }'], extra);
const one = (extra = '') => config(deployer(GITHUB('acme/app'), extra));

describe('queue and topic names count a .fifo suffix within their length', () => {
  // The provider's own checks (terraform-provider-aws internal/service/sqs/queue.go resourceQueueCustomizeDiff,
  // internal/service/sns/topic.go resourceTopicCustomizeDiff), copied as the independent judge.
  const SQS = [/^[0-9A-Za-z_-]{1,80}$/, /^[0-9A-Za-z_-]{1,75}\.fifo$/];
  const SNS = [/^[0-9A-Za-z_-]{1,256}$/, /^[0-9A-Za-z_-]{1,251}\.fifo$/];
  const provider = (res: RegExp[], name: string) => res.some((re) => re.test(name));

  it.each([
    ['a'.repeat(80), true],
    ['a'.repeat(81), false],
    [`${'a'.repeat(75)}.fifo`, true],
    [`${'a'.repeat(76)}.fifo`, false],
    ['.fifo', false],
  ])('SQS queue %s', (name, valid) => {
    expect(provider(SQS, name)).toBe(valid);
    expect(brokenNameRule('aws', 'queue', 'queue', name) === undefined).toBe(valid);
  });

  it('agrees with the provider on every queue and topic name', () => {
    const name = fc.tuple(fc.stringMatching(/^[a_.-]{0,3}$/), fc.integer({ min: 0, max: 260 }), fc.constantFrom('', '.fifo', 'fifo', '.fifo.fifo')).map(([head, n, tail]) => `${head}${'a'.repeat(n)}${tail}`);
    fc.assert(
      fc.property(name, (n) => {
        expect(brokenNameRule('aws', 'queue', 'queue', n) === undefined).toBe(provider(SQS, n));
        expect(brokenNameRule('aws', 'topic', 'topic', n) === undefined).toBe(provider(SNS, n));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a FIFO queue of 81 characters at its path', () => {
    const text = config(workload('w', '{ aws: lambda }', ['{ resource: queue, allow: [send] }'])).replace('aws: { queue: jobs }', `aws: { queue: ${'j'.repeat(76)}.fifo }`);
    expect(printedProblems(text)).toEqual([expect.stringMatching(/line \d+: resources\.queue\.aws\.queue: ".*" \(81 characters\) is not a valid SQS queue name \(1-80 .*\.fifo suffix included\)$/)]);
  });
});

describe("resource names agree with the provider's checks", () => {
  // terraform-provider-azurerm v4.55.0 internal/services/servicebus/validate/namespace_name.go:19-32 and topic_name.go:15,
  // copied as the judge (topic names without / and ~, which the project refuses on purpose).
  const namespaceOk = (n: string) => /^[a-zA-Z][-a-zA-Z0-9]{4,48}[a-zA-Z0-9]$/.test(n) && !['-', '-sb', '-mgmt'].some((x) => n.endsWith(x));
  const topicOk = (n: string) => /^[a-zA-Z0-9]([-._~/a-zA-Z0-9]{0,258}[a-zA-Z0-9])?$/.test(n);

  it('Service Bus namespaces and topics', () => {
    const name = fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{0,8}$/), fc.integer({ min: 0, max: 262 }), fc.constantFrom('', '-', '-sb', '-mgmt', '_', '.', 'sb'))
      .map(([head, n, tail]) => `${head}${'b'.repeat(n)}${tail}`);
    fc.assert(
      fc.property(name, (n) => {
        expect(brokenNameRule('azure', 'queue', 'namespace', n) === undefined).toBe(namespaceOk(n));
        expect(brokenNameRule('azure', 'topic', 'topic', n) === undefined).toBe(topicOk(n));
      }),
      { numRuns: 500 },
    );
  });

  // Google's naming page (https://cloud.google.com/storage/docs/buckets#naming) and its examples.
  it.each([
    ['my-travel-maps', true],
    ['0f75d593-8e7b-4418-a5ba-cb2970f0b91e', true],
    ['test.example.com', true],
    ['My-Travel-Maps', false],
    ['my_google_bucket', false],
    ['goog-bucket', false],
    ['192.168.5.4', false],
    ['a'.repeat(64), false],
    [['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(30)].join('.'), true],
    [['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(31)].join('.'), false],
    [['a'.repeat(64), 'b'].join('.'), false],
  ])('GCS bucket %s is valid: %s', (name, valid) => {
    expect(brokenNameRule('gcp', 'bucket', 'bucket', name) === undefined).toBe(valid);
  });
});

describe('an environment with no cloud', () => {
  it('is refused with its path and line: its workloads would get no identity', () => {
    const text = config(deployer(GITHUB('acme/app')), `${threeCloudEnvironment('dev')}\n  ci:\n    monitoring: { notify: [secops@example.com] }`);
    const problems = printedProblems(text);
    expect(problems).toHaveLength(1);
    const [, line] = /^ {2}line (\d+): environments\.ci: configures no cloud, so its workloads would get no identity: add at least one of aws, gcp, azure$/.exec(problems[0]) ?? [];
    expect(text.split('\n')[Number(line) - 1]).toBe('    monitoring: { notify: [secops@example.com] }');
  });
});

describe('lengths the services document', () => {
  const backend = (tfc: string) => config(deployer(GITHUB('acme/app')), threeCloudEnvironment('dev', `\n    terraformCloud: ${tfc}`));

  it('accepts the longest host name DNS allows and refuses a longer one, or a longer label (RFC 1035 2.3.4)', () => {
    const label = 'a'.repeat(63);
    const longest = [label, label, label, 'a'.repeat(61)].join('.');
    expect(longest).toHaveLength(253);
    expect(printedProblems(backend(`{ organization: acme, hostname: ${longest} }`))).toEqual([]);
    expect(printedProblems(backend(`{ organization: acme, hostname: ${longest}a }`))).toEqual([expect.stringContaining('environments.dev.terraformCloud.hostname: "aaa')]);
    expect(printedProblems(backend(`{ organization: acme, hostname: ${'a'.repeat(64)}.example.com }`))).toHaveLength(1);
    expect(printedProblems(backend('{ organization: acme, hostname: -tfe.example.com }'))).toHaveLength(1);
    const runsOn = `{ terraformCloud: { organization: acme, project: p, workspace: w, runPhase: apply, hostname: ${'a'.repeat(64)}.example.com } }`;
    expect(printedProblems(config(deployer(runsOn)))).toEqual([expect.stringContaining('workloads.deployer.runsOn.terraformCloud.hostname')]);
  });

  it('bounds a Terraform Cloud organization and an Azure location', () => {
    expect(printedProblems(backend(`{ organization: ${'o'.repeat(127)} }`))).toEqual([]);
    expect(printedProblems(backend(`{ organization: ${'o'.repeat(128)} }`))).toEqual([expect.stringContaining('environments.dev.terraformCloud.organization: "ooo')]);
    expect(printedProblems(config(deployer(GITHUB('acme/app')), threeCloudEnvironment('dev').replace('location: eastus', `location: ${'e'.repeat(41)}`)))).toEqual([
      expect.stringContaining('environments.dev.azure.location'),
    ]);
  });

  it('bounds the AWS and Google Cloud regions', () => {
    const env = threeCloudEnvironment('dev');
    expect(printedProblems(config(deployer(GITHUB('acme/app')), env.replace('region: us-east-1', `region: us-${'e'.repeat(30)}-1`)))).toEqual([
      '  line 4: environments.dev.aws.region: must be at most 25 characters long',
    ]);
    expect(printedProblems(config(deployer(GITHUB('acme/app')), env.replace('region: us-central1', `region: us-${'c'.repeat(30)}1`)))).toEqual([
      '  line 5: environments.dev.gcp.region: must be at most 30 characters long',
    ]);
  });

  it('refuses a GitHub owner longer than 39 characters or a repository name longer than 100', () => {
    // On AWS alone: Google Cloud's 127-byte subject limit would refuse the longest names first.
    expect(printedProblems(config(deployer(GITHUB(`${'o'.repeat(39)}/${'r'.repeat(87)}`), '    clouds: [aws]\n')))).toEqual([]);
    expect(printedProblems(config(deployer(GITHUB(`${'o'.repeat(40)}/app`))))).toEqual([
      expect.stringMatching(/workloads\.deployer\.runsOn\.github\.repository: ".*" is longer than GitHub allows: an owner has at most 39 characters, a repository name 100$/),
    ]);
    expect(printedProblems(config(deployer(GITHUB(`acme/${'r'.repeat(101)}`))))).toHaveLength(1);
    expect(printedProblems(one())).toEqual([]);
  });
});
