/**
 * runsOn as a list of sources (lib/sources/source-list.ts): every source is trusted on every
 * cloud of the workload, each pinned exactly, and nothing near them. The trusts are held against
 * checkers this project did not write: AWS runtimes with @cloud-copilot/iam-simulate, AWS OIDC
 * trusts with the trust-admission helper (test/helpers/trust.ts), GCP pool providers with a real
 * CEL evaluator (test/helpers/gcp-federation.ts), Azure by exact subject, and the change from a
 * single runsOn to a list by the real terraform CLI's plan against a state of the single form
 * (the `list` case of test/terraform.test.ts).
 *
 * Cheap by design: the main config is synthesized once (with guardrails and wiring), the review
 * cases once each.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { parseSpec } from '../../lib/config/load';
import { awsTrustPolicySize } from '../../lib/config/check-source-lists';
import { policySize } from '../../lib/aws/policy-size';
import { readAccessModel } from '../../lib/review/read-access-model';
import { buildReview } from '../../lib/review/review';
import { sourceKey } from '../../lib/sources/source-list';
import type { StackJson } from '../../lib/terraform/stack-json';
import type { StackWiring } from '../../lib/wiring/stack-wiring';
import { GITHUB_BY_ID, GITHUB_BY_NAME, SINGLE_SOURCES, SOURCE_LISTS } from '../helpers/aws-only-cases';
import { ACCOUNT, GITHUB, POOL, config, workload } from '../helpers/configs';
import { exchange } from '../helpers/gcp-federation';
import { synthChecked } from '../helpers/guardrails';
import { ofType, synthStacks } from '../helpers/synth';
import { awsTrustAdmits } from '../helpers/trust';

const CLUSTER_A = 'https://oidc.eks.us-east-1.amazonaws.com/id/AAAA0000AAAA0000';
const CLUSTER_B = 'https://oidc.eks.eu-west-1.amazonaws.com/id/BBBB1111BBBB1111';
const EVERY_CLOUD = '    clouds: [aws, gcp, azure]\n';

const OLD_FORM = GITHUB_BY_NAME;
const ID_FORM = GITHUB_BY_ID;
const LIST_CASES = [
  workload('deployer', `[${OLD_FORM}, ${ID_FORM}]`, [], EVERY_CLOUD),
  workload(
    'svc',
    `[{ kubernetes: { issuer: "${CLUSTER_A}", namespace: shop, serviceAccount: api } }, { kubernetes: { issuer: "${CLUSTER_B}", namespace: shop, serviceAccount: api } }]`,
    [],
    EVERY_CLOUD,
  ),
  workload('fn', '[{ aws: lambda }, { aws: ecs-task }]', [], EVERY_CLOUD),
].join('');

/** Each federated source of the lists: its issuer, exact subject, and neighbours that must be refused. */
const SOURCES = {
  deployerOld: { workload: 'deployer', issuer: GITHUB, sub: 'repo:acme/app:environment:dev', neighbours: ['repo:acme/app:environment:prod', 'repo:acme/other:environment:dev'] },
  // GitHub's immutable subject; a neighbour is the same names re-registered by another owner.
  deployerIds: {
    workload: 'deployer',
    issuer: GITHUB,
    sub: 'repo:acme@40000001/app@892000001:environment:dev',
    neighbours: ['repo:acme@40000002/app@892000001:environment:dev', 'repo:acme@40000001/app@892000001:environment:prod'],
  },
  svcA: { workload: 'svc', issuer: CLUSTER_A, sub: 'system:serviceaccount:shop:api', neighbours: ['system:serviceaccount:shop:other', 'system:serviceaccount:default:api'] },
  svcB: { workload: 'svc', issuer: CLUSTER_B, sub: 'system:serviceaccount:shop:api', neighbours: ['system:serviceaccount:shop:other', 'system:serviceaccount:default:api'] },
};
const AUDIENCE = { aws: 'sts.amazonaws.com', azure: 'api://AzureADTokenExchange' };
const slug = (issuer: string) => issuer.replace('https://', '').replace(/[^A-Za-z0-9-]+/g, '_');
const providerRef = (issuer: string) => `\${aws_iam_openid_connect_provider.oidc_${slug(issuer)}.arn}`;

let stack: StackJson;
let wiring: StackWiring;
beforeAll(() => {
  const outcome = synthChecked(config(LIST_CASES));
  expect(outcome.failed).toBe(false);
  stack = JSON.parse(fs.readFileSync(path.join(outcome.outdir, 'stacks', 'acme-dev', 'cdk.tf.json'), 'utf8')) as StackJson;
  wiring = JSON.parse(fs.readFileSync(path.join(outcome.outdir, 'wiring', 'acme-dev.json'), 'utf8')) as StackWiring;
}, 60_000);

const trustOf = (name: string) => ofType(stack, 'aws_iam_role')[name].assume_role_policy as string;

describe('a runsOn list on AWS: one role, one trust statement per source', () => {
  it.each(Object.entries(SOURCES))('%s: its exact subject may assume the role, its neighbours may not', (_name, { workload: w, issuer, sub, neighbours }) => {
    const key = issuer.replace('https://', '');
    const admits = (s: string, aud = AUDIENCE.aws, from = issuer) => awsTrustAdmits(trustOf(w), providerRef(from), { [`${from.replace('https://', '')}:sub`]: s, [`${from.replace('https://', '')}:aud`]: aud });
    expect(admits(sub)).toBe(true);
    for (const n of neighbours) expect(admits(n)).toBe(false);
    expect(admits(sub, 'another-audience')).toBe(false);
    // A cluster that is not in the list: no provider of it is trusted.
    expect(admits(sub, AUDIENCE.aws, 'https://oidc.eks.us-east-1.amazonaws.com/id/CCCC2222CCCC2222')).toBe(false);
    expect(key).toBeTruthy();
  });

  it('keeps the single-form Sid for the first source and adds each further source key', () => {
    const sids = (w: string) => (JSON.parse(trustOf(w)).Statement as { Sid: string }[]).map((s) => s.Sid);
    const [, ids] = parseSpec(config(LIST_CASES), 't.yaml').environments[0].workloads[0].sources;
    expect(sids('deployer')).toEqual(['FederatedSubjectAssumesRole', `FederatedSubjectAssumesRole${sourceKey(ids)}`]);
    expect(sids('fn')).toEqual(['RuntimeAssumesRole', expect.stringMatching(/^RuntimeAssumesRole[0-9a-f]{8}$/)]);
  });

  it('makes one OIDC provider per distinct issuer', () => {
    expect(Object.values(ofType(stack, 'aws_iam_openid_connect_provider')).map((p) => p.url).sort()).toEqual([GITHUB, CLUSTER_A, CLUSTER_B].sort());
  });

  it('lets both runtimes of [lambda, ecs-task] assume the role, and no other service', async () => {
    const decide = async (principal: string) => {
      const r = await runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: JSON.parse(trustOf('fn')),
          request: { action: 'sts:AssumeRole', principal, resource: { accountId: ACCOUNT, resource: `arn:aws:iam::${ACCOUNT}:role/acme-dev-fn` }, contextVariables: { 'aws:SourceAccount': ACCOUNT } },
        },
        {},
      );
      return r.resultType === 'error' ? JSON.stringify(r.errors) : r.overallResult;
    };
    expect(await decide('lambda.amazonaws.com')).toBe('Allowed');
    expect(await decide('ecs-tasks.amazonaws.com')).toBe('Allowed');
    expect(await decide('ec2.amazonaws.com')).toBe('ImplicitlyDenied');
  });
});

describe('a runsOn list on Google Cloud: a pool provider per issuer admitting every source of it', () => {
  const providers = () => ofType(stack, 'google_iam_workload_identity_pool_provider');
  const members = () => ofType(stack, 'google_service_account_iam_member');
  const providerOf = (issuer: string) => Object.values(providers()).find((p) => (p.oidc as { issuer_uri?: string } | undefined)?.issuer_uri === issuer) as Record<string, unknown>;
  const token = (provider: Record<string, unknown>, iss: string, sub: string) => ({
    kind: 'oidc' as const,
    iss,
    aud: `//iam.googleapis.com/${POOL}/providers/${provider.workload_identity_pool_provider_id as string}`,
    claims: { sub },
  });

  it.each(Object.entries(SOURCES))('%s: its token becomes exactly the principal one binding names; its neighbours are refused', (_name, { workload: w, issuer, sub, neighbours }) => {
    const provider = providerOf(issuer);
    const id = provider.workload_identity_pool_provider_id as string;
    const result = exchange(provider, POOL, token(provider, issuer, sub));
    expect(result).toMatchObject({ subject: `${id}:${sub}` });
    const bound = Object.entries(members()).filter(([, m]) => m.member === `principal://iam.googleapis.com/\${google_iam_workload_identity_pool.pool.name}/subject/${id}:${sub}`);
    expect(bound.map(([address]) => address.split('_federation')[0])).toEqual([w]);
    for (const n of neighbours) expect(exchange(provider, POOL, token(provider, issuer, n))).toEqual({ refused: 'condition is false' });
  });

  it('binds each source at its own address, the first at the single-form one, and outputs each further source’s provider', () => {
    expect(Object.keys(members()).filter((a) => a.startsWith('deployer_'))).toEqual(['deployer_federation', expect.stringMatching(/^deployer_federation_[0-9a-f]{8}$/)]);
    const outputs = Object.keys(stack.output ?? {}).filter((o) => o.startsWith('svc_gcp_workload_identity_provider'));
    expect(outputs).toEqual(['svc_gcp_workload_identity_provider', expect.stringMatching(/^svc_gcp_workload_identity_provider_[0-9a-f]{8}$/)]);
  });

  it('trusts [lambda, ecs-task] as the one role they share: one binding, admitted through the account’s aws provider', () => {
    expect(Object.keys(members()).filter((a) => a.startsWith('fn_'))).toEqual(['fn_federation']);
    const aws = providers()[`aws-${ACCOUNT}`];
    const session = (role: string) => ({ kind: 'aws' as const, account: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session` });
    expect(exchange(aws, POOL, session('acme-dev-fn'))).toMatchObject({ subject: `aws-${ACCOUNT}:acme-dev-fn` });
    expect(exchange(aws, POOL, session('acme-dev-other'))).toEqual({ refused: 'condition is false' });
  });
});

describe('a runsOn list on Azure: one federated identity credential per source', () => {
  const credentials = () => Object.values(ofType(stack, 'azurerm_federated_identity_credential'));
  it.each(Object.entries(SOURCES))('%s: a credential of its exact issuer, subject and audience; none of a neighbour', (_name, { workload: w, issuer, sub, neighbours }) => {
    const own = credentials().filter((c) => (c.parent_id as string).includes(`azurerm_user_assigned_identity.${w}.`));
    expect(own.filter((c) => c.issuer === issuer && c.subject === sub)).toEqual([expect.objectContaining({ audience: [AUDIENCE.azure] })]);
    for (const n of neighbours) expect(own.filter((c) => c.subject === n)).toEqual([]);
  });

  it('names the first credential as a single source does and the others with their key', () => {
    const names = Object.values(ofType(stack, 'azurerm_federated_identity_credential')).map((c) => c.name as string).filter((n) => n.startsWith('deployer-'));
    expect(names).toEqual(['deployer-github', expect.stringMatching(/^deployer-github-[0-9a-f]{8}$/)]);
    // [lambda, ecs-task] are one role to Azure: one credential on the account's outbound issuer.
    expect(credentials().filter((c) => (c.parent_id as string).includes('.fn.')).map((c) => c.subject)).toEqual(['${aws_iam_role.fn.arn}']);
  });
});

describe('the wiring of a runsOn list', () => {
  it('gives the snippets of each source, titled by its place, the GCP provider of each its own', () => {
    const deployer = wiring.workloads.find((w) => w.workload === 'deployer');
    const titles = deployer?.snippets.map((s) => s.title) ?? [];
    expect(titles.filter((t) => t.startsWith('runsOn[0] (github): GitHub Actions workflow'))).toHaveLength(1);
    expect(titles.filter((t) => t.startsWith('runsOn[1] (github): GitHub Actions workflow'))).toHaveLength(1);
    const svc = wiring.workloads.find((w) => w.workload === 'svc');
    const gcloud = (i: number) => svc?.snippets.find((s) => s.title === `runsOn[${i}] (kubernetes): Google Cloud credential configuration`)?.text ?? '';
    const provider = (issuer: string) => `projects/123456789012/locations/global/workloadIdentityPools/acme-dev/providers/${providerOf(issuer)}`;
    const providerOf = (issuer: string) =>
      Object.values(ofType(stack, 'google_iam_workload_identity_pool_provider')).find((p) => (p.oidc as { issuer_uri?: string } | undefined)?.issuer_uri === issuer)?.workload_identity_pool_provider_id as string;
    expect(gcloud(0)).toContain(provider(CLUSTER_A));
    expect(gcloud(1)).toContain(provider(CLUSTER_B));
  });
});

describe('loading a runsOn list', () => {
  const problems = (runsOn: string, extra = EVERY_CLOUD) => {
    try {
      parseSpec(config(workload('w', runsOn, [], extra)), 't.yaml');
      return [];
    } catch (e) {
      return (e as Error).message.split('\n').slice(1).map((l) => l.replace(/^\s*line \d+: /, ''));
    }
  };
  const github = (n: number) => Array.from({ length: n }, (_, i) => `{ github: { repository: acme/app-${i}, environment: "{env}" } }`).join(', ');

  it('synthesizes a list of one exactly as the single source', () => {
    expect(synthStacks(config(workload('deployer', `[${OLD_FORM}]`, [], EVERY_CLOUD)))).toEqual(synthStacks(config(workload('deployer', OLD_FORM, [], EVERY_CLOUD))));
  });

  it('refuses a source repeated once placeholders are expanded, at the second', () => {
    expect(problems(`[${OLD_FORM}, { github: { repository: acme/app, environment: dev } }]`)).toEqual([
      'workloads.w.runsOn[1]: is the same source as runsOn[0] in environment dev (the same issuer and subject, placeholders expanded): list each source once',
    ]);
    // Only the audience differs: still one issuer and subject.
    const idp = (audience: string) => `{ oidc: { issuer: "https://idp.example.com", subject: job, audience: ${audience} } }`;
    expect(problems(`[${idp('a')}, ${idp('b')}]`)).toEqual([expect.stringMatching(/^workloads\.w\.runsOn\[1\]: is the same source as runsOn\[0\]/)]);
  });

  it('refuses runtimes of two clouds, and checks each source at its own path', () => {
    expect(problems('[{ aws: lambda }, { gcp: cloud-run }]')).toEqual([expect.stringMatching(/^workloads\.w\.runsOn\[1\]\.gcp: runs on gcp, but runsOn\[0\] runs on aws: a workload runs natively on one cloud/)]);
    expect(problems('[{ kubernetes: { issuer: "https://k.example.com", namespace: shop } }, { github: { repository: "acme/*", environment: x } }]')).toEqual([
      'workloads.w.runsOn[0].kubernetes.serviceAccount: is required',
      expect.stringMatching(/^workloads\.w\.runsOn\[1\]\.github\.repository: "acme\/\*" is a wildcard/),
    ]);
    expect(problems('[]')).toEqual(['workloads.w.runsOn: must list at least 1 item']);
  });

  it('holds the AWS trust policy to 2,048 characters as IAM receives it: 5 GitHub sources fit, 6 do not', () => {
    expect(problems(`[${github(6)}]`, '    clouds: [aws]\n')).toEqual([expect.stringMatching(/^workloads\.w\.runsOn: its AWS role's trust policy in environment dev would be 2\d{3} characters/)]);
    // The loader's measure is the rendered policy's, each provider reference spelled as the ARN IAM sees.
    const yaml = config(workload('w', `[${github(5)}]`, [], '    clouds: [aws]\n'));
    const spec = parseSpec(yaml, 't.yaml');
    const env = spec.environments[0];
    const rendered = (ofType(synthStacks(spec)['acme-dev'], 'aws_iam_role').w.assume_role_policy as string)
      .split(providerRef(GITHUB))
      .join(`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`);
    expect(awsTrustPolicySize(env.workloads[0], env)).toBe(policySize(JSON.parse(rendered)));
    expect(policySize(JSON.parse(rendered))).toBeLessThanOrEqual(2048);
  });

  it('counts every source of a list in the 4,096 characters of a GCP pool provider’s condition', () => {
    const idp = (i: number) => `{ oidc: { issuer: "https://idp.example.com", subject: "${'s'.repeat(97)}-${String(i).padStart(2, '0')}", audience: job } }`;
    const many = (n: number) => `[${Array.from({ length: n }, (_, i) => idp(i)).join(', ')}]`;
    expect(problems(many(39), '    clouds: [gcp]\n')).toEqual([]);
    expect(problems(many(40), '    clouds: [gcp]\n')).toEqual([expect.stringMatching(/^environments\.dev: 40 sources of 1 workload federate into Google Cloud from "https:\/\/idp\.example\.com": no attribute condition within Google's 4096 characters/)]);
  });

  it('refuses a 21st federated identity credential on one Azure identity, at runsOn[20]', () => {
    expect(problems(`[${github(21)}]`, '    clouds: [azure]\n')).toEqual([expect.stringMatching(/^workloads\.w\.runsOn\[20\]: would be federated identity credential 21 .* Azure allows 20 per user-assigned identity/)]);
    expect(problems(`[${github(20)}]`, '    clouds: [azure]\n')).toEqual([]);
  });
});

describe('reviewing a change to a runsOn list', () => {
  const model = (runsOn: string) => readAccessModel(synthStacks(config(workload('deployer', runsOn, [], EVERY_CLOUD))));
  const single = model(OLD_FORM);
  const list = model(`[${OLD_FORM}, ${ID_FORM}]`);

  it('reports an added source as a new federation source, high, on every cloud', () => {
    const changes = buildReview({ base: single, head: list }).changes;
    expect(changes.map((c) => `${c.risk} ${c.rule} ${c.cloud}`).sort()).toEqual(['high new-federation-source aws', 'high new-federation-source azure', 'high new-federation-source gcp']);
  });

  it('reports reordering the list as no change', () => {
    expect(buildReview({ base: list, head: model(`[${ID_FORM}, ${OLD_FORM}]`) }).changes).toEqual([]);
  });
});

describe('turning a single runsOn into a list, the old source first, on an AWS-only stack', () => {
  // The real terraform CLI plans this change against a state of the single form in test/terraform.test.ts (the `list` case).
  it('keeps the first source at the single form\'s addresses and adds the second cluster\'s association at its key', () => {
    const before = synthStacks(SINGLE_SOURCES)['acme-dev'];
    const after = synthStacks(SOURCE_LISTS)['acme-dev'];
    const second = parseSpec(SOURCE_LISTS, 't').environments[0].workloads.find((w) => w.name === 'pods')?.sources[1];
    expect(Object.keys(ofType(before, 'aws_eks_pod_identity_association'))).toEqual(['pods']);
    expect(Object.keys(ofType(after, 'aws_eks_pod_identity_association'))).toEqual(['pods', `pods_federation_${sourceKey(second as NonNullable<typeof second>)}`]);
    expect(ofType(after, 'aws_eks_pod_identity_association').pods).toEqual(ofType(before, 'aws_eks_pod_identity_association').pods);
  });
});
