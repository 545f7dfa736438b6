import { AUDIT_DELIVERY_WORKLOAD } from '../../lib/aws/audit-trail';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { generateRawConfig } from '../../bench/generate';
import type { RawConfig } from '../../lib/config/raw-config';
import { parseSpec } from '../../lib/config/load';
import { synthesize } from '../../stacks/synth';
import { readThroughRemoteState } from '../helpers/remote-state-probe';
import { itWithTerraform } from '../helpers/terraform';
import { ofType, synthWholeApp } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';
import { CLOUDS } from '../../lib/access/vocabulary';
import { IDENTITY_RESOURCES } from '../../lib/terraform/identity-resources';

/** Types that exist once per environment (or account, project, tenant), never per workload. */
const SHARED_TYPES = ['aws_iam_openid_connect_provider', 'google_iam_workload_identity_pool', 'google_project_iam_custom_role', 'azurerm_role_definition'];
const IDENTITY_TYPES = CLOUDS.map((cloud) => IDENTITY_RESOURCES[cloud].type);

function config(workloads: number, shards: number, extra: Partial<RawConfig['workloads']> = {}): string {
  const raw = generateRawConfig({ workloads, environments: 1, shards, seed: 7 });
  return stringify({ ...raw, workloads: { ...raw.workloads, ...extra } });
}

/** Stack of each workload, from the identities each stack holds. */
function homes(stacks: Record<string, StackJson>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [stack, json] of Object.entries(stacks)) {
    for (const type of IDENTITY_TYPES) {
      for (const [name, identity] of Object.entries(ofType(json, type))) {
        // The trail's delivery role serves the environment from its shared stack.
        if ((identity.tags as Record<string, string> | undefined)?.workload === AUDIT_DELIVERY_WORKLOAD) continue;
        out.set(name, [...new Set([...(out.get(name) ?? []), stack])]);
      }
    }
  }
  return out;
}

describe('a sharded environment', () => {
  const stacks = synthWholeApp(config(40, 3));
  const shardNames = ['bench-prod_shard-1', 'bench-prod_shard-2', 'bench-prod_shard-3'];

  it('has a shared stack and one stack per shard, each with its own backend', () => {
    expect(Object.keys(stacks).sort()).toEqual(['bench-prod', ...shardNames]);
    const workspaces = Object.values(stacks).map((s) => JSON.stringify((s.terraform as { cloud?: unknown }).cloud));
    expect(new Set(workspaces).size).toBe(4);
  });

  it('puts every workload in exactly one shard and none in the shared stack', () => {
    const where = homes(stacks);
    expect(where.size).toBeGreaterThan(30);
    for (const [, at] of where) {
      expect(at).toHaveLength(1);
      expect(shardNames).toContain(at[0]);
    }
  });

  it('keeps the shared resources and the outbound issuer variable in the shared stack only', () => {
    for (const type of SHARED_TYPES) {
      expect(Object.keys(ofType(stacks['bench-prod'], type)).length).toBeGreaterThan(0);
      for (const shard of shardNames) expect(ofType(stacks[shard], type)).toEqual({});
    }
    for (const shard of shardNames) expect(stacks[shard].variable ?? {}).toEqual({});
  });

  it('admits the literal subjects of every shard on the shared pool providers', () => {
    const conditions = Object.values(ofType(stacks['bench-prod'], 'google_iam_workload_identity_pool_provider')).map((p) => p.attribute_condition as string);
    const github = Object.keys(ofType(stacks['bench-prod'], 'google_iam_workload_identity_pool_provider')).find((id) => id.startsWith('github-'));
    expect(github).toBeDefined();
    // Every GitHub-hosted workload with a GCP identity, whatever its shard, is admitted.
    for (const shard of shardNames) {
      for (const [name, member] of Object.entries(ofType(stacks[shard], 'google_service_account_iam_member'))) {
        const subject = /\/subject\/(repo:[^"]+)$/.exec(member.member as string)?.[1];
        if (subject) expect(conditions.some((c) => c.includes(JSON.stringify(subject)))).toBe(true);
        else expect(name).toMatch(/_federation$/);
      }
    }
  });

  it('refers to the shared stack through its outputs, so no shard depends on another', () => {
    for (const shard of shardNames) {
      const remote = Object.keys((stacks[shard].data as Record<string, object>)?.terraform_remote_state ?? {});
      expect(remote).toEqual(['cross-stack-reference-input-bench-prod']);
    }
  });

  it("keeps a shard's own pool provider only for subjects known at apply time, in the shared pool", () => {
    shardNames.forEach((shard, k) => {
      for (const [id, provider] of Object.entries(ofType(stacks[shard], 'google_iam_workload_identity_pool_provider'))) {
        expect(id).toMatch(new RegExp(`^entra-[0-9a-f]{8}-s${k + 1}$`));
        expect(provider.attribute_condition).toMatch(/^assertion\.sub in \["\$\{azurerm_user_assigned_identity\./);
        expect(provider.workload_identity_pool_id).toMatch(/terraform_remote_state\.cross-stack-reference-input-bench-prod/);
      }
    });
  });

  it('moves no workload to another stack when a workload is added', () => {
    const before = homes(stacks);
    const added = synthWholeApp(
      config(40, 3, { 'zz-new-workload': { description: 'new', owner: 'team', runsOn: { aws: 'lambda' }, access: [{ resource: 'bucket-0', allow: ['read'] }] } }),
    );
    const after = homes(added);
    expect(after.get('zz-new-workload')).toHaveLength(1);
    for (const [name, at] of before) expect(after.get(name)).toEqual(at);
  });
});

describe('shards: 1', () => {
  it('synthesizes exactly the unsharded environment', () => {
    expect(synthWholeApp(config(12, 1))).toEqual(synthWholeApp(config(12, 0)));
  });
});

describe('the manifest of a synth with sharded and unsharded environments', () => {
  it('lists every stack of every environment, each shard depending on its shared stack', () => {
    const raw = generateRawConfig({ workloads: 8, environments: 3, seed: 11 });
    const sharded = { ...raw, environments: { ...raw.environments, prod: { ...raw.environments.prod, shards: 2 } } };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-manifest-'));
    try {
      expect(synthesize(parseSpec(stringify(sharded), 'test.yaml'), { outdir }).failed).toBe(false);
      const { stacks } = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
      expect(Object.fromEntries(Object.entries(stacks).map(([name, s]) => [name, s.dependencies]))).toEqual({
        'bench-dev': [],
        'bench-staging': [],
        'bench-prod': [],
        'bench-prod_shard-1': ['bench-prod'],
        'bench-prod_shard-2': ['bench-prod'],
      });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('a sharded environment with a local backend', () => {
  const raw = generateRawConfig({ workloads: 40, environments: 1, shards: 3, seed: 7 });
  const environments = Object.fromEntries(Object.entries(raw.environments).map(([name, { terraformCloud: _backend, ...env }]) => [name, env]));
  const stacks = synthWholeApp(stringify({ ...raw, environments }));
  const shard = 'bench-prod_shard-1';

  itWithTerraform(`reads the shared stack's state from that stack's folder, as the real terraform CLI resolves it`, () => {
    expect((stacks['bench-prod'].terraform as { backend?: unknown }).backend).toEqual({ local: { path: 'terraform.bench-prod.tfstate' } });
    const [remote] = Object.keys((stacks[shard].data as Record<string, object>).terraform_remote_state);
    const pool = Object.values(ofType(stacks[shard], 'google_iam_workload_identity_pool_provider'))[0].workload_identity_pool_id as string;
    const output = /\.outputs\.([^}]+)\}$/.exec(pool)?.[1] as string;
    const value = 'bench-prod-pool';
    expect(readThroughRemoteState(stacks[shard], shard, 'bench-prod', remote, output, value)).toBe(value);
  });
});
