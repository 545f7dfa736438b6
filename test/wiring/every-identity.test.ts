/**
 * For configs no test wrote by hand (fast-check: workload names that include `constructor` and
 * cloud names, every kind of source, subsets of clouds, sharded environments): every identity
 * resource of every synthesized stack has its outputs, each referring to that resource, and a
 * wiring entry whose every value is either the value the stack holds or an output of that
 * stack, so nothing is left for the user to compose by hand. Identity resources are found in
 * the Terraform JSON by their workload tag, not through the code under test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { StackWiring } from '../../lib/wiring/stack-wiring';
import { config, threeCloudEnvironment, workload } from '../helpers/configs';
import { synthChecked } from '../helpers/guardrails';

type Json = Record<string, any>;

const CLOUD_SETS = [['aws'], ['gcp'], ['azure'], ['aws', 'gcp'], ['gcp', 'azure'], ['aws', 'azure'], ['aws', 'gcp', 'azure']];
const SOURCES: { runsOn: string; home?: string }[] = [
  { runsOn: '{ github: { repository: acme/app, environment: "{env}" } }' },
  { runsOn: '{ github: { repository: acme/app, ref: refs/heads/main } }' },
  { runsOn: '{ kubernetes: { issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC", namespace: apps, serviceAccount: W } }' },
  { runsOn: '{ terraformCloud: { organization: acme, project: infra, workspace: "W-{env}", runPhase: plan } }' },
  { runsOn: '{ oidc: { issuer: "https://ci.example.com", subject: "job:W", audience: "api://ci" } }' },
  ...['lambda', 'ecs-task', 'ec2'].map((r) => ({ runsOn: `{ aws: ${r} }`, home: 'aws' })),
  ...['cloud-run', 'cloud-functions', 'compute'].map((r) => ({ runsOn: `{ gcp: ${r} }`, home: 'gcp' })),
  ...['functions', 'container-apps', 'app-service'].map((r) => ({ runsOn: `{ azure: ${r} }`, home: 'azure' })),
];

// Not `aws`, `google`, `azurerm` nor `aws-monitoring`...: a workload named like a construct of its stack crashes the synth
// on main too (There is already a Construct with name 'aws'), reported rather than fixed here.
const workloadName = fc.oneof(fc.constantFrom('constructor', 'gcp', 'azure', 'to-string', 'outputs'), fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/));
const workloads = fc.uniqueArray(
  fc.record({ name: workloadName, source: fc.nat(SOURCES.length - 1), clouds: fc.nat(CLOUD_SETS.length - 1) }),
  { minLength: 1, maxLength: 5, selector: (w) => w.name },
);
const configs = fc.record({ workloads, shards: fc.constantFrom(1, 1, 2, 3), second: fc.boolean() }).map(({ workloads: ws, shards, second }) => {
  const text = ws
    .map((w) => {
      const source = SOURCES[w.source];
      const clouds = [...new Set([...(source.home ? [source.home] : []), ...CLOUD_SETS[w.clouds]])];
      return workload(w.name, source.runsOn.replace(/\bW\b/g, w.name), [], `    clouds: [${clouds.join(', ')}]\n`);
    })
    .join('');
  const envs = threeCloudEnvironment('dev', shards > 1 ? `\n    shards: ${shards}` : '') + (second ? threeCloudEnvironment('prod') : '');
  return { yaml: config(text, envs), names: new Set(ws.map((w) => w.name)) };
});

const IDENTITY_TYPES = { aws_iam_role: 'aws', google_service_account: 'gcp', azurerm_user_assigned_identity: 'azure' } as const;
/** The outputs each identity must have, with the attribute of the resource they must refer to. */
const EXPECTED: Record<'aws' | 'gcp' | 'azure', Record<string, string>> = {
  aws: { role_arn: 'arn', role_name: 'name' },
  gcp: { service_account_email: 'email', service_account_unique_id: 'unique_id' },
  azure: { client_id: 'client_id', principal_id: 'principal_id', resource_id: 'id', tenant_id: 'tenant_id' },
};

/** The workload an identity resource belongs to, from its tags (AWS, Azure) or its description (GCP). */
function workloadOf(type: string, resource: Json): string | undefined {
  if (type === 'google_service_account') return /\bworkload=(\S+)/.exec(resource.description)?.[1];
  return resource.tags?.workload;
}

function checkStack(name: string, stack: Json, wiring: StackWiring, envStacks: Json[], names: ReadonlySet<string>): void {
  const outputs: Json = stack.output ?? {};
  for (const o of Object.keys(outputs)) expect(o).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  const wired = new Map(wiring.workloads.map((w) => [w.workload, w]));
  const seen = new Set<string>();
  for (const [type, cloud] of Object.entries(IDENTITY_TYPES)) {
    for (const [address, resource] of Object.entries((stack.resource?.[type] ?? {}) as Json)) {
      const w = workloadOf(type, resource);
      if (!w || !names.has(w)) continue; // the CloudTrail delivery role: tagged as the project's own
      seen.add(w);
      const expected = { ...EXPECTED[cloud] };
      if (cloud === 'aws' && Object.values(stack.resource?.aws_iam_instance_profile ?? {}).some((p: any) => p.tags?.workload === w)) {
        Object.assign(expected, { instance_profile_arn: 'arn', instance_profile_name: 'name' });
      }
      for (const [attribute, attr] of Object.entries(expected)) {
        const output = outputs[`${w}_${cloud}_${attribute}`];
        expect({ stack: name, output: `${w}_${cloud}_${attribute}`, value: output?.value }).toMatchObject({ value: expect.stringMatching(new RegExp(`^\\$\\{[a-z_]+\\.[^.]+\\.${attr}\\}$`)) });
        if (!attribute.startsWith('instance_profile')) expect(output.value).toBe(`\${${type}.${address}.${attr}}`);
      }
      const federation = stack.resource?.google_service_account_iam_member?.[`${address}_federation`];
      if (cloud === 'gcp' && federation) {
        // The provider named in the output is the one whose subject the federated member names, and it exists in the environment.
        const providerId = /\/subject\/([a-z0-9-]+):/.exec(federation.member)?.[1];
        const value: string = outputs[`${w}_gcp_workload_identity_provider`]?.value;
        expect(value).toMatch(new RegExp(`^projects/123456789012/locations/global/workloadIdentityPools/[a-z0-9-]+/providers/${providerId}$`));
        const providers = envStacks.flatMap((s) => Object.values((s.resource?.google_iam_workload_identity_pool_provider ?? {}) as Json));
        expect(providers.map((p) => p.workload_identity_pool_provider_id)).toContain(providerId);
      }
      // The wiring: every output of the workload listed, its value where the stack holds one literally.
      const entry = wired.get(w);
      expect({ stack: name, workload: w, wired: !!entry }).toEqual({ stack: name, workload: w, wired: true });
      const listed = new Map(entry?.outputs.map((o) => [o.name, o]));
      for (const attribute of Object.keys(expected)) expect(listed.has(`${w}_${cloud}_${attribute}`)).toBe(true);
      if (cloud === 'aws') expect(listed.get(`${w}_aws_role_arn`)?.value).toBe(`arn:aws:iam::111111111111:role/${resource.name}`);
      if (cloud === 'gcp') expect(listed.get(`${w}_gcp_service_account_email`)?.value).toBe(`${resource.account_id}@${resource.project}.iam.gserviceaccount.com`);
      if (cloud === 'azure') expect(listed.get(`${w}_azure_tenant_id`)?.value).toBe('00000000-0000-0000-0000-0000000000aa');
    }
  }
  for (const [address] of Object.entries((stack.resource?.aws_iam_openid_connect_provider ?? {}) as Json)) {
    expect(Object.values(outputs).map((o: any) => o.value)).toContain(`\${aws_iam_openid_connect_provider.${address}.arn}`);
  }
  if (stack.resource?.google_iam_workload_identity_pool) expect(outputs.gcp_workload_identity_pool_name.value).toBe('${google_iam_workload_identity_pool.pool.name}');
  // Every workload wired here has identities here, a snippet, and names only outputs of this stack.
  expect(new Set(wired.keys())).toEqual(seen);
  for (const w of wiring.workloads) {
    expect({ workload: w.workload, snippets: w.snippets.length > 0 }).toEqual({ workload: w.workload, snippets: true });
    for (const s of w.snippets) for (const [, output] of s.text.matchAll(/output -raw (\S+?)\)?"?(?:\s|$)/g)) expect(Object.keys(outputs)).toContain(output);
  }
}

it('every identity of every stack has its outputs and its wiring', () => {
  fc.assert(
    fc.property(configs, ({ yaml, names }) => {
      const outcome = synthChecked(yaml);
      expect(outcome.failed).toBe(false);
      const manifest = JSON.parse(fs.readFileSync(path.join(outcome.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
      const stacks = Object.fromEntries(Object.entries(manifest.stacks).map(([n, s]) => [n, JSON.parse(fs.readFileSync(path.join(outcome.outdir, s.synthesizedStackPath), 'utf8')) as Json]));
      for (const [name, stack] of Object.entries(stacks)) {
        const wiring = JSON.parse(fs.readFileSync(path.join(outcome.outdir, 'wiring', `${name}.json`), 'utf8')) as StackWiring;
        const env = name.replace(/^acme-([a-z0-9-]+?)(?:_shard-\d+)?$/, '$1');
        checkStack(name, stack, wiring, Object.entries(stacks).filter(([n]) => n === `acme-${env}` || n.startsWith(`acme-${env}_`)).map(([, s]) => s), names);
      }
      fs.rmSync(outcome.outdir, { recursive: true, force: true });
    }),
    { numRuns: 15 },
  );
}, 300_000);
