/**
 * Principals that cannot stand in for each other: every federated source's token, exchanged at
 * every provider of the pool (CEL evaluation of the synthesized mappings and conditions, with
 * Google's extract()), becomes principals that name exactly its own workload's binding, and no
 * neighbour's token names any. Sources that share a `sub` (two clusters with one service account
 * name, an issuer minting GitHub's subjects) are in the config on purpose.
 */
import { ACCOUNT, GITHUB, POOL, TENANT, config, threeCloudEnvironment, workload } from '../helpers/configs';
import { githubPins } from '../../lib/sources/github';
import { oidcCondition } from '../../lib/gcp/attribute-condition';
import { evaluate, exchange, extract } from '../helpers/gcp-federation';
import type { Credential } from '../helpers/gcp-federation';
import { ofType, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

const EKS = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
const GKE = 'https://container.googleapis.com/v1/projects/acme-ci/locations/us-central1/clusters/ci';
const IDP = 'https://idp.example.com';
const ENTRA = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const FUNC_PRINCIPAL_ID = '6b1a3c5e-0000-4000-8000-00000000f00d';
/** The longest workload name (40 characters), and the session of a Lambda function named at AWS's longest (64). */
const LONG_WORKLOAD = 'reconciliation-processor-european-ledger';
const LONG_ROLE = `acme-dev-${LONG_WORKLOAD}`;
const LONG_SESSION = 'reconciliation-batch-processor-for-european-ledgers-eu1-handler';

const gcpOnly = '    clouds: [gcp]\n';
const SOURCES = [
  workload('fn', '{ aws: lambda }', [], gcpOnly),
  workload('task', '{ aws: ecs-task }', [], gcpOnly),
  workload(LONG_WORKLOAD, '{ aws: lambda }', [], gcpOnly),
  workload('func', '{ azure: functions }', [], gcpOnly),
  workload('run', '{ gcp: cloud-run }', [], gcpOnly),
  workload('pod-eks', `{ kubernetes: { issuer: "${EKS}", namespace: payments, serviceAccount: worker } }`, [], gcpOnly),
  workload('pod-gke', `{ kubernetes: { issuer: "${GKE}", namespace: payments, serviceAccount: worker } }`, [], gcpOnly),
  workload('ci-env', '{ github: { repository: acme/app, environment: "{env}" } }', [], gcpOnly),
  workload('ci-ref', '{ github: { repository: acme/app, ref: refs/heads/main } }', [], gcpOnly),
  workload('tfc', '{ terraformCloud: { organization: acme, project: platform, workspace: "app-{env}", runPhase: apply } }', [], gcpOnly),
  workload('mimic', `{ oidc: { issuer: "${IDP}", subject: "repo:acme/app:environment:dev", audience: acme-app } }`, [], gcpOnly),
].join('');

/** The stack with apply-time values resolved: the pool's name and the Azure identity's principal id. */
function resolved(stack: StackJson): StackJson {
  const text = JSON.stringify(stack)
    .split('${google_iam_workload_identity_pool.pool.name}')
    .join(POOL)
    .split('${azurerm_user_assigned_identity.func.principal_id}')
    .join(FUNC_PRINCIPAL_ID);
  return JSON.parse(text) as StackJson;
}

const github = (sub: string, repository: string, extra: Record<string, string>) => ({
  sub,
  repository,
  repository_owner: repository.split('/')[0],
  repository_id: '892000001',
  repository_owner_id: '40000001',
  ...extra,
});
const kubernetes = (ns: string, sa: string) => ({ sub: `system:serviceaccount:${ns}:${sa}`, 'kubernetes.io': { namespace: ns, serviceaccount: { name: sa, uid: 'f0e1d2c3' } } });
const tfc = (workspace: string, phase: string) => ({
  sub: `organization:acme:project:platform:workspace:${workspace}:run_phase:${phase}`,
  terraform_organization_name: 'acme',
  terraform_project_name: 'platform',
  terraform_workspace_name: workspace,
  terraform_full_workspace: `organization:acme:project:platform:workspace:${workspace}`,
  terraform_run_phase: phase,
});
const entra = (oid: string) => ({ sub: oid, oid, tid: TENANT });
const oidc = (iss: string, claims: Record<string, unknown>): Credential => ({ kind: 'oidc', iss, aud: '', claims });
const sts = (role: string, session: string, account = ACCOUNT): Credential => ({ kind: 'aws', account, arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}` });

/** Each federated workload's own credential, as its platform issues it. */
const OWN: Record<string, Credential> = {
  fn: sts('acme-dev-fn', 'acme-dev-fn'),
  task: sts('acme-dev-task', '4f6c1b2a9d8e4c7fb1a2c3d4e5f60718'),
  [LONG_WORKLOAD]: sts(LONG_ROLE, LONG_SESSION),
  func: oidc(ENTRA, entra(FUNC_PRINCIPAL_ID)),
  'pod-eks': oidc(EKS, kubernetes('payments', 'worker')),
  'pod-gke': oidc(GKE, kubernetes('payments', 'worker')),
  'ci-env': oidc(GITHUB, github('repo:acme/app:environment:dev', 'acme/app', { environment: 'dev', ref: 'refs/heads/main' })),
  'ci-ref': oidc(GITHUB, github('repo:acme/app:ref:refs/heads/main', 'acme/app', { ref: 'refs/heads/main' })),
  tfc: oidc('https://app.terraform.io', tfc('app-dev', 'apply')),
  mimic: oidc(IDP, { sub: 'repo:acme/app:environment:dev' }),
};

/** Credentials next to the workloads': each must reach no binding at all. */
const NEIGHBOURS: Record<string, Credential> = {
  'another role of the account': sts('acme-dev-other', 'x'),
  'the same role name in another account': sts('acme-dev-fn', 'acme-dev-fn', '222222222222'),
  'an IAM user whose path mimics an assumed role': { kind: 'aws', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/assumed-role/acme-dev-fn/mallory` },
  'another managed identity of the tenant': oidc(ENTRA, entra('7c2b4d6f-0000-4000-8000-00000000beef')),
  'another service account of the namespace': oidc(EKS, kubernetes('payments', 'other')),
  'the same service account in another namespace': oidc(GKE, kubernetes('billing', 'worker')),
  'another environment of the repository': oidc(GITHUB, github('repo:acme/app:environment:prod', 'acme/app', { environment: 'prod' })),
  'another branch': oidc(GITHUB, github('repo:acme/app:ref:refs/heads/feature', 'acme/app', { ref: 'refs/heads/feature' })),
  'a pull request': oidc(GITHUB, github('repo:acme/app:pull_request', 'acme/app', { ref: 'refs/pull/1/merge' })),
  'the plan phase of the workspace': oidc('https://app.terraform.io', tfc('app-dev', 'plan')),
  'another subject of the generic issuer': oidc(IDP, { sub: 'repo:acme/app:environment:prod' }),
  'an unknown issuer minting a known subject': oidc('https://evil.example.com', { sub: 'repo:acme/app:environment:dev' }),
};

const stack = resolved(synthStacks(config(SOURCES))['acme-dev']);
const providers = Object.values(ofType(stack, 'google_iam_workload_identity_pool_provider'));
const bindings = Object.entries(ofType(stack, 'google_service_account_iam_member')).filter(([, b]) => b.role === 'roles/iam.workloadIdentityUser');

/** The audiences a provider accepts: a token's holder picks its audience, so every one is tried. */
function audiencesOf(provider: Record<string, unknown>): string[] {
  const listed = (provider.oidc as { allowed_audiences?: string[] } | undefined)?.allowed_audiences;
  const canonical = `iam.googleapis.com/${POOL}/providers/${provider.workload_identity_pool_provider_id}`;
  return listed?.length ? listed : [`//${canonical}`];
}

/** The workloads whose federation binding a credential may use, over every provider and audience. */
function reachable(credential: Credential, stackProviders = providers, stackBindings = bindings): string[] {
  const principals = new Set<string>();
  for (const p of stackProviders) {
    const tries = credential.kind === 'oidc' ? audiencesOf(p).map((aud) => ({ ...credential, aud })) : [credential];
    for (const c of tries) {
      const result = exchange(p, POOL, c);
      if ('principals' in result) result.principals.forEach((x) => principals.add(x));
    }
  }
  return stackBindings.filter(([, b]) => principals.has(b.member as string)).map(([name]) => name.replace(/_federation$/, ''));
}

describe('GCP federated principals (CEL over the synthesized providers)', () => {
  it('has a federation binding for every federated workload and none for the GCP runtime', () => {
    expect(bindings.map(([name]) => name.replace(/_federation$/, '')).sort()).toEqual(Object.keys(OWN).sort());
  });

  it.each(Object.keys(OWN))('%s: its own credential reaches exactly its own binding', (name) => {
    expect(reachable(OWN[name])).toEqual([name]);
  });

  it.each(Object.keys(NEIGHBOURS))('%s: reaches no binding', (label) => {
    expect(reachable(NEIGHBOURS[label])).toEqual([]);
  });

  it('would let sources that share a subject stand in for each other with the bare mapping (the check can fail)', () => {
    // The mapping and members this project emitted before: google.subject = assertion.sub, members without a prefix.
    const bare = providers.map((p) => (p.oidc ? { ...p, attribute_mapping: { 'google.subject': 'assertion.sub' } } : p));
    const bareBindings = bindings.map(([name, b]) => [name, { ...b, member: (b.member as string).replace(/\/subject\/[0-9a-z-]+:/, '/subject/') }] as [string, Record<string, unknown>]);
    expect(reachable(OWN['pod-gke'], bare, bareBindings).sort()).toEqual(['pod-eks', 'pod-gke']);
    expect(reachable(OWN.mimic, bare, bareBindings).sort()).toEqual(['ci-env', 'mimic']);
  });

  it('maps every AWS session to a subject of at most 127 bytes, one per role, where the session ARN is longer', () => {
    const aws = providers.find((p) => p.aws) as Record<string, unknown>;
    const subjectOf = (c: Credential) => {
      const r = exchange(aws, POOL, c);
      if (!('subject' in r)) throw new Error(r.refused);
      return r.subject;
    };
    const long = OWN[LONG_WORKLOAD] as Extract<Credential, { kind: 'aws' }>;
    expect(Buffer.byteLength(long.arn)).toBeGreaterThan(127);
    const ecsSessions = ['4f6c1b2a9d8e4c7fb1a2c3d4e5f60718', 'ab12cd34ef56ab12cd34ef56ab12cd34'];
    const subjects = [sts(LONG_ROLE, LONG_SESSION), sts(LONG_ROLE, 'x'.repeat(64)), ...ecsSessions.map((s) => sts('acme-dev-task', s))].map(subjectOf);
    for (const s of subjects) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(127);
    expect(new Set(subjects.slice(0, 2)).size).toBe(1);
    expect(new Set(subjects.slice(2)).size).toBe(1);
    expect(subjects[0]).not.toBe(subjects[2]);
  });
});

describe("Google's extract()", () => {
  // The first two are Google's own: the default AWS mapping (terraform-provider-google v6.50.0
  // resource_iam_workload_identity_pool_provider.go:168-177, from the API reference).
  it.each([
    ['arn:aws:sts::111111111111:assumed-role/acme-dev-fn/session', 'assumed-role/{role}/', 'acme-dev-fn'],
    ['arn:aws:sts::111111111111:assumed-role/acme-dev-fn/session', '{account_arn}assumed-role/', 'arn:aws:sts::111111111111:'],
    ['arn:aws:iam::111111111111:user/bob', 'assumed-role/{role}/', ''],
    ['arn:aws:sts::111111111111:assumed-role/no-session', 'assumed-role/{role}/', ''],
    ['projects/p/locations/l', 'locations/{location}', 'l'],
  ])('%s.extract(%s) = %j', (value, template, expected) => {
    expect(extract(value, template)).toBe(expected);
  });
});

describe("GitHub's immutable ids in coarse conditions", () => {
  // 300 subjects outgrow 4,096 characters: the condition falls back to the repositories' ids.
  const admitted = Array.from({ length: 300 }, (_, i) => ({ subject: `repo:acme@40000001/app@892000001:environment:env-${i}`, coarse: githubPins('acme@40000001/app@892000001') }));
  const condition = oidcCondition(admitted) as string;
  const token = (ids: { repository_id: string; repository_owner_id: string }) => ({ ...github('repo:acme/app:environment:env-0', 'acme/app', {}), ...ids });

  it('pin the repository id, which a re-registered name cannot take over', () => {
    expect(condition).toBe('assertion.repository_id in ["892000001"]');
    expect(evaluate(condition, { assertion: token({ repository_id: '892000001', repository_owner_id: '40000001' }) })).toBe(true);
    // The same owner and repository names, registered anew after a rename or deletion: new ids.
    expect(evaluate(condition, { assertion: token({ repository_id: '990000002', repository_owner_id: '70000003' }) })).toBe(false);
  });

  it('pin names where the config gives none', () => {
    expect(githubPins('acme/app').map((p) => p.expression)).toEqual(['assertion.repository', 'assertion.repository_owner']);
  });
});

describe('a sharded environment: two providers of one issuer in one pool', () => {
  // Azure sources are admitted by a provider of their own shard (entra-…-s1, entra-…-s2), all with the tenant's issuer.
  const azure = Array.from({ length: 6 }, (_, i) => workload(`az-${i}`, '{ azure: functions }', [], gcpOnly)).join('');
  const stacks = Object.values(synthStacks(config(azure, threeCloudEnvironment('dev', '\n    shards: 2'))));
  const principalId = (name: string) => `6b1a3c5e-0000-4000-8000-0000000000${name.replace('az-', '').padStart(2, '0')}`;
  const all = stacks.map((st) => {
    const text = JSON.stringify(st)
      .split('${google_iam_workload_identity_pool.pool.name}')
      .join(POOL)
      .replace(/\$\{azurerm_user_assigned_identity\.(az-\d+)\.principal_id\}/g, (_, name: string) => principalId(name));
    return JSON.parse(text) as StackJson;
  });
  const shardProviders = all.flatMap((st) => Object.values(ofType(st, 'google_iam_workload_identity_pool_provider')));
  const shardBindings = all.flatMap((st) => Object.entries(ofType(st, 'google_service_account_iam_member')));

  it('has one provider per shard, each reached only by its own identities', () => {
    expect(shardProviders.map((p) => p.workload_identity_pool_provider_id).sort()).toEqual([expect.stringMatching(/^entra-[0-9a-f]{8}-s1$/), expect.stringMatching(/^entra-[0-9a-f]{8}-s2$/)]);
    for (let i = 0; i < 6; i++) expect(reachable(oidc(ENTRA, entra(principalId(`az-${i}`))), shardProviders, shardBindings)).toEqual([`az-${i}`]);
    expect(reachable(oidc(ENTRA, entra(principalId('az-9'))), shardProviders, shardBindings)).toEqual([]);
  });
});
