import { Testing } from 'cdktf';
import { parse, stringify } from 'yaml';
import { parseSpec } from '../../lib/config/load';
import { buildApp } from '../../stacks/app';
import { AzureWorkloadIdentity } from '../../lib/azure/identity';
import { example, synthStacks } from '../helpers/synth';
import { resourcesByAddress } from '../../lib/terraform/stack-json';
import type { StackJson } from '../../lib/terraform/stack-json';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

const config = example('identity.yaml');
const stacks = synthStacks(config);
const prod = stacks['payments-prod'];

describe('Azure: federated credentials on one identity are written one at a time', () => {
  it('chains every further credential of an identity with depends_on', () => {
    const spec = parseSpec(config);
    const { stacks: built } = buildApp(spec, { outdir: Testing.app().outdir });
    const identity = built[1].workloads.get('invoice-renderer')?.identities.get('azure') as AzureWorkloadIdentity;
    for (const n of [2, 3]) identity.addFederatedCredential(`extra-${n}`, { name: `extra-${n}`, issuer: 'https://idp.example.com', subject: `s${n}`, audience: ['api://AzureADTokenExchange'] });
    const fics = Object.values((JSON.parse(Testing.synth(built[1])) as StackJson).resource?.azurerm_federated_identity_credential ?? {}).filter((f) =>
      String(f.parent_id).includes('invoice-renderer'),
    );
    const dependsOn = Object.fromEntries(fics.map((f) => [f.name, f.depends_on]));
    expect(dependsOn).toEqual({
      'invoice-renderer-aws': undefined,
      'extra-2': ['azurerm_federated_identity_credential.invoice-renderer_federation'],
      'extra-3': [expect.stringMatching(/^azurerm_federated_identity_credential\..*extra-2/)],
    });
  });
});

describe('ordering through references', () => {
  it('GCP bindings name their new service account by reference, so they wait for it', () => {
    for (const [address, r] of resourcesByAddress(prod)) {
      if (/^google_.*_iam_member\./.test(address) && String(r.member).startsWith('serviceAccount:')) {
        expect(r.member).toMatch(/^serviceAccount:\$\{google_service_account\.[a-z0-9-]+\.email\}$/);
      }
    }
  });

  it('AWS trust names its OIDC provider and peer identities by reference, so they exist first', () => {
    const roles = prod.resource?.aws_iam_role ?? {};
    const trust = (n: string) => JSON.parse(roles[n].assume_role_policy as string).Statement[0];
    expect(trust('deployer').Principal.Federated).toBe('${aws_iam_openid_connect_provider.oidc_token_actions_githubusercontent_com.arn}');
    expect(trust('invoice-notifier').Condition.StringEquals['accounts.google.com:sub']).toBe('${google_service_account.invoice-notifier.unique_id}');
  });
});

describe('GCP pools and providers keep their ids (deleted ids stay reserved for 30 days)', () => {
  const ids = (s: StackJson) => ({
    pools: Object.values(s.resource?.google_iam_workload_identity_pool ?? {}).map((p) => p.workload_identity_pool_id),
    providers: Object.values(s.resource?.google_iam_workload_identity_pool_provider ?? {}).map((p) => p.workload_identity_pool_provider_id).sort(),
  });

  it('depend only on app, environment and issuer: not on workload names, order or count', () => {
    const doc = parse(config) as { workloads: Record<string, unknown> };
    const reordered = Object.fromEntries(Object.entries(doc.workloads).reverse().map(([n, w]) => [`renamed-${n}`, w]));
    const other = synthStacks(stringify({ ...doc, workloads: { ...reordered, extra: { ...(doc.workloads.deployer as object), environments: undefined } } }))['payments-prod'];
    expect(ids(other)).toEqual(ids(prod));
  });
});

describe('no two stacks manage the same cloud object', () => {
  /** The cloud-side identity of each resource: what two stacks must never both create. */
  const cloudKeys = (s: StackJson): string[] =>
    [...resourcesByAddress(s)].flatMap(([address, r]) => {
      const type = address.split('.')[0];
      const key = ({
        aws_iam_role: r.name,
        aws_iam_openid_connect_provider: r.url,
        google_service_account: `${r.project}/${r.account_id}`,
        google_iam_workload_identity_pool: `${r.project}/${r.workload_identity_pool_id}`,
        google_project_iam_custom_role: `${r.project}/${r.role_id}`,
        azurerm_user_assigned_identity: `${r.resource_group_name}/${r.name}`,
        azurerm_role_definition: `${r.scope}/${r.name}`,
      } as Record<string, unknown>)[type];
      return key === undefined ? [] : [`${type} ${key}`];
    });

  it('holds when two environments share an AWS account, a GCP project and an Azure subscription', () => {
    const shared = config
      .replace(/accountId: "222222222222"/, 'accountId: "111111111111"')
      .replace('arn:aws:iam::222222222222', 'arn:aws:iam::111111111111')
      .replace(/projectId: payments-prod/, 'projectId: payments-dev')
      .replace(/00000000-0000-0000-0000-000000000002/, '00000000-0000-0000-0000-000000000001')
      .replace(/rg-payments-prod/, 'rg-payments-dev')
      .replace(/^  deployer:\n(?:    .*\n)*?    environments: \[prod\]\n/m, (m) => m.replace('[prod]', '[dev, prod]'));
    const both = Object.values(synthStacks(shared)).map(cloudKeys);
    expect(both[0].length).toBeGreaterThan(5);
    expect(both[0].filter((k) => both[1].includes(k))).toEqual([]);
    // The GitHub OIDC provider of the shared account exists once, in the first environment.
    expect([...both[0], ...both[1]].filter((k) => k.includes('token.actions.githubusercontent.com'))).toHaveLength(1);
  });

  it('gives every stack its own state: a workspace or local state file named after the stack', () => {
    expect(JSON.stringify(stacks['payments-dev'].terraform)).toContain('terraform.payments-dev.tfstate');
    expect(JSON.stringify(prod.terraform)).toMatch(/"name":"payments-prod"/);
  });
});

describe('addresses are a function of config names, not of the construct tree', () => {
  it('match the expected address of every resource of the example', () => {
    const spec = parseSpec(config);
    for (const env of spec.environments) {
      const actual = [...resourcesByAddress(stacks[`payments-${env.name}`]).keys()];
      const expected = env.workloads.flatMap((w) => [
        ...w.clouds.map((c) => `${IDENTITY_RESOURCES[c].type}.${w.name}`),
        ...w.grants.flatMap((g) => g.levels.flatMap((l) => (['gcp', 'azure'] as const).filter((c) => w.clouds.includes(c) && g.resource.clouds[c]).map((c) => `${c}:${w.name}_${g.resource.name}_${l}`))),
      ]);
      for (const e of expected) {
        const [cloud, rest] = e.includes(':') ? e.split(':') : ['', e];
        const match = actual.filter((a) => (cloud ? a.endsWith(`.${rest}`) && a.startsWith(cloud === 'gcp' ? 'google_' : 'azurerm_role_assignment') : a === rest));
        expect({ e, found: match.length }).toEqual({ e, found: 1 });
      }
      // Everything else is named from the workload (policy, federation, its alerts) or shared by config values.
      for (const a of actual) expect(a.split('.')[1]).toMatch(/^((denied|failed_assume)_[a-z0-9-]+|denied_calls_\d+_in_\d+m_\d+(_[a-z])?|failed_web_identity_assumes|audit_[a-z0-9_-]+|notify_[a-z0-9_]+|identity_alerts|identity_audit|pool|oidc_[A-Za-z0-9_-]+|aws-\d{12}|(github|tfc|entra|eks|gke|aks|oidc)-[0-9a-f]{8}|role_[a-z_]+|payments_[a-z]+_[A-Za-z_]+|[a-z0-9-]+(_[a-z0-9-]+_[a-z]+|_federation)?)$/);
    }
  });
});
