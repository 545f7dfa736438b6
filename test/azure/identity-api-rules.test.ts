/**
 * Azure's limits on identities and the regions that refuse federated credentials, refused at load
 * with the config path (lib/azure/identity-api-rules.ts cites each source). The counts are read
 * from the synthesized stacks, not from the checker's arithmetic: an estate exactly at a limit
 * synthesizes that many resources and loads; one more is refused.
 */
import { AZURE_IDENTITY_LIMITS, FIC_UNSUPPORTED_REGIONS } from '../../lib/azure/identity-api-rules';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import type { StackJson } from '../../lib/terraform/stack-json';
import { ofType, synthStacks } from '../helpers/synth';

const SUB = '00000000-0000-0000-0000-000000000005';

const env = (name: string, extra = '') => `
  ${name}:
    azure: { subscriptionId: ${SUB}, tenantId: 00000000-0000-0000-0000-0000000000bb, resourceGroup: rg-${name}, location: westeurope${extra} }
    monitoring: { notify: [a@example.com] }`;

/** `buckets` Azure containers; `workloads` workloads per environment, each reading and writing every one. */
const estate = (envs: string, workloads: number, buckets: number, extraAccess = '') => `
app: shop
environments:${envs}
resources:
${Array.from({ length: buckets }, (_, i) => `  b${i}: { kind: bucket, azure: { storageAccount: "shop${i}{env}", container: files } }`).join('\n')}
workloads:
${Array.from(
  { length: workloads },
  (_, i) =>
    `  w${i}: { description: d, owner: o, runsOn: { azure: functions }, monitoring: { optOut: "load test identities, deleted after the run" }, ` +
    `access: [${Array.from({ length: buckets }, (_, b) => `{ resource: b${b}, allow: [read, write] }`).join(', ')}]${i === 0 ? extraAccess : ''} }`,
).join('\n')}
`;

const problems = (yaml: string): string[] => {
  try {
    parseSpec(yaml, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    throw err;
  }
  return [];
};

/** Role assignments of every stack, by the subscription their scope lies in (`-` for a management group). */
const assignmentsBySubscription = (stacks: Record<string, StackJson>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const stack of Object.values(stacks)) {
    for (const a of Object.values(ofType(stack, 'azurerm_role_assignment'))) {
      const sub = /^\/subscriptions\/([^/]+)/.exec(a.scope as string)?.[1] ?? '-';
      out[sub] = (out[sub] ?? 0) + 1;
    }
  }
  return out;
};

describe('Azure role assignments per subscription', () => {
  const max = AZURE_IDENTITY_LIMITS.roleAssignmentsPerSubscription.max;
  const other = '00000000-0000-0000-0000-000000000009';
  const extras = [
    `{ role: Reader, scope: "/subscriptions/${other}/resourceGroups/rg-x" }`,
    '{ role: Reader, scope: "/providers/Microsoft.Management/managementGroups/mg-shop" }',
  ];
  const extraAccess = `, extraAccess: { azure: [${extras.join(', ')}] }`;
  /** One more workload, in dev only, reading one container: `levels` assignments more there. */
  const devOnly = (levels: string) => `  late: { description: d, owner: o, runsOn: { azure: functions }, environments: [dev], access: [{ resource: b0, allow: [${levels}] }] }\n`;

  it('is the documented 4,000', () => {
    expect(max).toBe(4000);
    expect(AZURE_IDENTITY_LIMITS.roleAssignmentsPerSubscription.source).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/role-based-access-control\/troubleshoot-limits/);
  });

  // What the stacks make, read from them: synthesizing 4,000 assignments costs seconds, so the
  // rates are read from a small estate of the same shape and the estates at the limit are sized by them.
  const small = synthStacks(estate(env('dev') + env('prod'), 2, 3, extraAccess) + devOnly('read'));
  const counted = assignmentsBySubscription(small);
  /** Assignments per environment, workload and container (each read and written), from the stacks. */
  const perContainer = (counted[SUB] - 1) / (2 * 2 * 3);

  it('makes one assignment per level and container in the environments’ shared subscription, extras in the subscription of their scope', () => {
    expect(perContainer).toBe(2);
    // Each environment's w0 carries the extras: one in the other subscription, one at the management group (no subscription).
    expect(counted).toEqual({ [SUB]: 2 * 2 * 3 * perContainer + 1, [other]: 2, '-': 2 });
  });

  // Two environments sharing a subscription, 10 workloads each, each reading and writing 100 containers.
  const atLimit = (late: string) => estate(env('dev') + env('prod'), 10, 100, extraAccess) + late;

  it('loads an estate at the limit, with extras elsewhere that do not count towards it', () => {
    expect(2 * 10 * 100 * perContainer).toBe(max);
    expect(problems(atLimit(''))).toEqual([]);
  });

  it('refuses one more, at the subscription of the first environment, naming both environments', () => {
    expect(problems(atLimit(devOnly('read')))).toEqual([
      expect.stringMatching(
        new RegExp(`^environments\\.dev\\.azure\\.subscriptionId: 4,001 role assignments .* subscription ${SUB} \\(environments dev, prod\\): Azure allows 4,000 per subscription.*troubleshoot-limits`),
      ),
    ]);
  });
});

describe('federated identity credentials', () => {
  it('gives every identity at most one, within the 20 Azure allows per identity', () => {
    const { max, source } = AZURE_IDENTITY_LIMITS.federatedCredentialsPerIdentity;
    expect(max).toBe(20);
    expect(source).toMatch(/workload-identity-federation-considerations/);
    const yaml = `
app: shop
environments:${env('dev')}
resources:
  b0: { kind: bucket, azure: { storageAccount: "shop0{env}", container: files } }
workloads:
  ci: { description: d, owner: o, runsOn: { github: { repository: acme/app, ref: refs/heads/main } }, access: [{ resource: b0, allow: [read] }] }
  pod: { description: d, owner: o, runsOn: { kubernetes: { issuer: "https://oidc.example.com/c1/", namespace: a, serviceAccount: b } }, access: [{ resource: b0, allow: [read] }] }
  idp: { description: d, owner: o, runsOn: { oidc: { issuer: "https://idp.example.com", subject: s, audience: api://AzureADTokenExchange } }, access: [{ resource: b0, allow: [read] }] }
  fn: { description: d, owner: o, runsOn: { azure: functions }, access: [{ resource: b0, allow: [read] }] }
`;
    const credentials = Object.values(ofType(synthStacks(yaml)['shop-dev'], 'azurerm_federated_identity_credential'));
    const perIdentity = new Map<string, number>();
    for (const c of credentials) perIdentity.set(c.parent_id as string, (perIdentity.get(c.parent_id as string) ?? 0) + 1);
    expect(perIdentity.size).toBe(3);
    for (const count of perIdentity.values()) expect(count).toBeLessThanOrEqual(max);
  });
});

describe('regions that refuse federated identity credentials', () => {
  const yaml = (location: string, runsOn: string) => `
app: shop
environments:
  dev:
    azure: { subscriptionId: ${SUB}, tenantId: 00000000-0000-0000-0000-0000000000bb, resourceGroup: rg-dev, location: ${location} }
    monitoring: { notify: [a@example.com] }
resources:
  b0: { kind: bucket, azure: { storageAccount: "shop0{env}", container: files } }
workloads:
  w: { description: d, owner: o, runsOn: ${runsOn}, access: [{ resource: b0, allow: [read] }] }
`;
  const github = '{ github: { repository: acme/app, ref: refs/heads/main } }';

  it('are the regions Microsoft lists', () => {
    expect([...FIC_UNSUPPORTED_REGIONS.values()]).toEqual(['Malaysia South', 'New Zealand North']);
  });

  it.each([...FIC_UNSUPPORTED_REGIONS])('refuses %s at the location path when an identity there needs a federated credential', (location, region) => {
    expect(problems(yaml(location, github))).toEqual([
      expect.stringMatching(new RegExp(`^environments\\.dev\\.azure\\.location: ${region} does not support federated identity credentials .*#unsupported-regions-user-assigned-managed-identities.* w need one`)),
    ]);
  });

  it('lets an identity that needs no federated credential live there, and a federated one elsewhere', () => {
    expect(problems(yaml('newzealandnorth', '{ azure: functions }'))).toEqual([]);
    expect(problems(yaml('australiaeast', github))).toEqual([]);
    // The location the identity is made in is the one checked.
    const identity = Object.values(ofType(synthStacks(yaml('australiaeast', github))['shop-dev'], 'azurerm_user_assigned_identity'))[0];
    expect(identity.location).toBe('australiaeast');
  });
});
