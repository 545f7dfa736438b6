/**
 * Generates benchmark configs in the documented format: N workloads over three clouds, one or
 * three environments, a deterministic but realistic mix of runtimes and OIDC sources, resource
 * kinds, access levels, cloud subsets and environment subsets.
 */
import { stringify } from 'yaml';
import { KIND_NAMES, levelsOf } from '../lib/kinds';
import type { ResourceKind } from '../lib/kinds';
import type { RawRunsOn } from '../lib/sources/forms';
import type { RawConfig, RawEnvironment, RawResource, RawWorkload } from '../lib/config/raw-config';

export interface GenerateOptions {
  /** Workloads in the config. */
  readonly workloads: number;
  /** 1 (prod) or 3 (dev, staging, prod). */
  readonly environments: 1 | 3;
  /** Seed of the pseudo-random mix. @default 1 */
  readonly seed?: number;
  /** Per-environment shard count (the large-estate setting). @default none */
  readonly shards?: number;
}

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same config. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENV_NAMES = { 1: ['prod'], 3: ['dev', 'staging', 'prod'] } as const;

const CLUSTERS = [
  'https://oidc.eks.us-east-1.amazonaws.com/id/B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6',
  'https://container.googleapis.com/v1/projects/acme-platform/locations/us-central1/clusters/main',
  'https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/11111111-2222-3333-4444-555555555555/',
];

/**
 * The generic OIDC issuer of workload `i`: one identity provider per 3,000 workloads, as large
 * estates have several. One issuer for all would outgrow what one GCP pool provider's attribute
 * condition can list (4,096 characters: some 250 subjects) past about 8,000 workloads.
 */
const identityProvider = (i: number) => (i < 3000 ? 'https://idp.example.com' : `https://idp-${Math.floor(i / 3000)}.example.com`);

/**
 * Azure identities one generated environment holds: one subscription and one workspace take at
 * most 1,000 log search alert rules (one per identity) and 4,000 role assignments
 * (lib/azure/monitoring-limits.ts, lib/azure/identity-api-rules.ts). Past these, workloads keep
 * to AWS and Google Cloud, as a real estate would add subscriptions before it grew.
 */
const AZURE_IDENTITIES = 800;
const AZURE_ASSIGNMENTS = 3500;

/** Sources by weight: cloud runtimes are the common case, CI and clusters the rest. */
const SOURCES: readonly [number, (i: number, pick: <T>(xs: readonly T[]) => T) => RawRunsOn][] = [
  [4, () => ({ aws: 'lambda' })],
  [2, () => ({ aws: 'ecs-task' })],
  [1, () => ({ aws: 'ec2' })],
  [2, () => ({ gcp: 'cloud-run' })],
  [1, () => ({ gcp: 'cloud-functions' })],
  [1, () => ({ gcp: 'compute' })],
  [2, () => ({ azure: 'functions' })],
  [1, () => ({ azure: 'container-apps' })],
  [1, () => ({ azure: 'app-service' })],
  [2, (i, pick) => ({ kubernetes: { issuer: pick(CLUSTERS), namespace: `team-${i % 40}`, serviceAccount: `svc-${i}` } })],
  [2, (i) => ({ github: { repository: `acme/service-${i}`, environment: '{env}' } })],
  [1, (i) => ({ terraformCloud: { organization: 'acme', project: 'platform', workspace: `ws-${i}-{env}`, runPhase: 'apply' } })],
  [1, (i) => ({ oidc: { issuer: identityProvider(i), subject: `client-${i}`, audience: 'workload-identity' } })],
];

/** An environment; `serviceAccounts`: its project's raised service account quota (the default is 100). */
function environment(name: string, index: number, serviceAccounts: number): RawEnvironment {
  const n = String(index + 1);
  return {
    aws: {
      accountId: n.repeat(12),
      region: 'us-east-1',
      ...(name === 'prod' && { permissionsBoundaryArn: `arn:aws:iam::${n.repeat(12)}:policy/workload-boundary`, outboundIssuer: 'https://abc-123.tokens.sts.global.api.aws' }),
    },
    gcp: { projectId: `acme-${name}`, projectNumber: n.repeat(12), region: 'us-central1', serviceAccountQuota: Math.max(100, serviceAccounts) },
    azure: {
      subscriptionId: `00000000-0000-0000-0000-00000000000${n}`,
      tenantId: '00000000-0000-0000-0000-0000000000aa',
      resourceGroup: `rg-acme-${name}`,
      location: 'eastus',
    },
    monitoring: { notify: ['secops@example.com'] },
    ...(name === 'prod' && { terraformCloud: { organization: 'acme', project: 'identities' } }),
  };
}

function resource(kind: ResourceKind, i: number): RawResource {
  switch (kind) {
    case 'bucket':
      return { kind, aws: { bucket: `acme-data-${i}-{env}` }, gcp: { bucket: `acme-data-${i}-{env}` }, azure: { storageAccount: `acmedata${i}{env}`, container: `data-${i}` } };
    case 'secret':
      return { kind, aws: { name: `acme/{env}/secret-${i}` }, gcp: { secret: `secret-${i}` }, azure: { vault: `kv-acme-${i % 7}-{env}`, secret: `secret-${i}` } };
    case 'queue':
      return { kind, aws: { queue: `jobs-${i}-{env}` }, gcp: { topic: `jobs-${i}`, subscription: `jobs-${i}-worker` }, azure: { namespace: `sb-acme-{env}`, queue: `jobs-${i}` } };
    case 'topic':
      return { kind, aws: { topic: `events-${i}-{env}` }, gcp: { topic: `events-${i}` }, azure: { namespace: `sb-acme-{env}`, topic: `events-${i}` } };
    case 'key':
      return {
        kind,
        aws: { keyId: `1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}` },
        gcp: { keyRing: 'acme', key: `key-${i}`, location: 'global' },
        azure: { vault: `kv-acme-${i % 7}-{env}`, key: `key-${i}` },
      };
  }
}

/** The raw config object. */
export function generateRawConfig(options: GenerateOptions): RawConfig {
  const next = random(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const envNames = ENV_NAMES[options.environments];
  const totalWeight = SOURCES.reduce((s, [w]) => s + w, 0);

  const resourceCount = Math.max(KIND_NAMES.length, Math.ceil(options.workloads / 10));
  const resources: Record<string, RawResource> = {};
  for (let i = 0; i < resourceCount; i++) {
    const kind = KIND_NAMES[i % KIND_NAMES.length];
    resources[`${kind}-${i}`] = resource(kind, i);
  }
  const resourceNames = Object.keys(resources);

  const workloads: Record<string, RawWorkload> = {};
  const width = String(options.workloads).length;
  let azure = { identities: 0, assignments: 0 };
  const azureFull = () => azure.identities >= AZURE_IDENTITIES || azure.assignments >= AZURE_ASSIGNMENTS;
  for (let i = 0; i < options.workloads; i++) {
    let r = next() * totalWeight;
    const [, make] = SOURCES.find(([w]) => (r -= w) < 0) ?? SOURCES[0];
    const picked = make(i, pick);
    const runsOn: RawRunsOn = picked.azure && azureFull() ? { aws: 'lambda' } : picked;
    const home = (['aws', 'gcp', 'azure'] as const).find((c) => runsOn[c]);
    const access: { resource: string; allow: string[] }[] = [];
    const grantCount = 1 + Math.floor(next() * 3);
    for (let g = 0; g < grantCount; g++) {
      const name = pick(resourceNames);
      if (access.some((a) => a.resource === name)) continue;
      const levels = levelsOf(resources[name].kind);
      const allow = levels.filter(() => next() < 0.5);
      access.push({ resource: name, allow: allow.length ? allow : [levels[0]] });
    }
    const roll = next();
    const wanted = roll < 0.7 ? undefined : roll < 0.85 ? [home ?? 'aws'] : home === 'gcp' ? ['gcp', 'azure'] : ['aws', 'gcp'];
    const onAzure = home === 'azure' || (wanted ?? ['azure']).includes('azure');
    const clouds = onAzure && azureFull() ? (wanted ?? ['aws', 'gcp']).filter((c) => c !== 'azure') : wanted;
    if (onAzure && !azureFull()) azure = { identities: azure.identities + 1, assignments: azure.assignments + access.reduce((n, a) => n + a.allow.length, 0) };
    const environments = options.environments > 1 && next() < 0.15 ? ['prod'] : undefined;
    workloads[`w${String(i).padStart(width, '0')}-${home ?? Object.keys(runsOn)[0].toLowerCase()}`] = {
      description: `Benchmark workload ${i}`,
      owner: `team-${i % 25}`,
      runsOn,
      ...(clouds && { clouds: clouds as RawWorkload['clouds'] }),
      ...(environments && { environments }),
      ...(next() < 0.2 && { session: { maxMinutes: 120 } }),
      access,
    };
  }

  return {
    app: 'bench',
    environments: Object.fromEntries(
      envNames.map((name, i) => [name, { ...environment(name, i, options.workloads), ...(options.shards && { shards: options.shards }) }]),
    ),
    resources,
    workloads,
  };
}

/** The config as YAML text. */
export function generateConfig(options: GenerateOptions): string {
  return `# Generated by bench/generate.ts: ${options.workloads} workloads, ${options.environments} environment(s)\n${stringify(generateRawConfig(options), { lineWidth: 0 })}`;
}
