/**
 * Turns a valid raw config into the normalized spec: defaults applied, placeholders expanded,
 * workloads resolved per environment.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import type { Level } from '../kinds';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from '../sources/audiences';
import { sourceOf } from '../sources/runs-on';
import type { RawRunsOn } from '../sources/forms';
import { homeCloudOf } from '../sources/source-list';
import type { ConfigPath } from '../spec/config-error';
import { expandPlaceholders, expandPlaceholdersIn } from '../spec/placeholders';
import type { PlaceholderValues } from '../spec/placeholders';
import { defaultClouds, grantedClouds } from './granted-clouds';
import { DEFAULT_DENIED_CALLS, DEFAULT_RETENTION_DAYS } from '../monitoring/neutral';
import type { RawConfig, RawEnvironment, RawExtraAccess, RawMonitoring, RawResource, RawSuppression, RawWorkload } from './raw-config';
import type { EnvironmentSpec, ExtraAccessSpec, GcpExtraTarget, GrantSpec, MonitoringSpec, ResourceSpec, Spec, SuppressionSpec, WorkloadSpec } from '../spec/types';

/** Default longest session, in minutes. */
export const DEFAULT_SESSION_MINUTES = 60;

export function normalize(raw: RawConfig): Spec {
  return {
    app: raw.app,
    environments: Object.entries(raw.environments).map(([name, env]) => environmentSpec(raw, name, env)),
  };
}

/**
 * The IAM OIDC providers an account already has, from every environment of that account: IAM
 * holds one per issuer per account, so one environment listing it says it for them all (and the
 * ARN is the account's and the issuer's, the same wherever it is written).
 */
function existingOidcProviders(raw: RawConfig, accountId: string): { existingOidcProviders?: Record<string, string> } {
  // Later environments first, so the first one's entry wins; fromEntries defines keys, so an issuer `__proto__` stays a key.
  const accountEnvs = Object.values(raw.environments).filter((env) => env.aws?.accountId === accountId).reverse();
  const existing = accountEnvs.flatMap((env) => Object.entries(env.aws?.existingOidcProviders ?? {}));
  return existing.length ? { existingOidcProviders: Object.fromEntries(existing) } : {};
}

/** What the placeholders stand for in one environment. */
export function placeholderValues(name: string, env: RawEnvironment): PlaceholderValues {
  return { env: name, ...(env.aws && { account: env.aws.accountId, region: env.aws.region }), ...(env.gcp && { project: env.gcp.projectId }) };
}

function environmentSpec(raw: RawConfig, name: string, env: RawEnvironment): EnvironmentSpec {
  const values = placeholderValues(name, env);
  const resources = new Map(Object.entries(raw.resources ?? {}).map(([rn, r]) => [rn, resourceSpec(rn, r, values)]));
  const configuredClouds = CLOUDS.filter((c) => env[c]);
  const monitoring = monitoringSpec(env.monitoring);
  return {
    name,
    ...(env.aws && { aws: { ...env.aws, ...existingOidcProviders(raw, env.aws.accountId) } }),
    ...(env.gcp && { gcp: { ...env.gcp } }),
    ...(env.azure && {
      azure: {
        ...env.azure,
        tokenAudience: env.azure.tokenAudience ?? AZURE_TOKEN_EXCHANGE_AUDIENCE,
        // Kept exactly: v1 tokens' issuer ends with `/` (https://sts.windows.net/<tenant>/), v2's does not.
        tokenIssuer: env.azure.tokenIssuer ?? `https://login.microsoftonline.com/${env.azure.tenantId}/v2.0`,
      },
    }),
    monitoring,
    ...(env.terraformCloud && { terraformCloud: { ...env.terraformCloud, hostname: env.terraformCloud.hostname ?? 'app.terraform.io' } }),
    // Absent unless on, so every config without it normalizes exactly as before.
    ...(env.manageWorkspaceVariables && { manageWorkspaceVariables: true as const }),
    protected: env.protected ?? false,
    shards: env.shards ?? 1,
    workloads: Object.entries(raw.workloads)
      .filter(([, w]) => !w.environments || w.environments.includes(name))
      .map(([wn, w]) => workloadSpec(wn, w, values, configuredClouds, raw.resources, resources, monitoring)),
    suppressions: suppressionSpecs(env.suppress, ['environments', name]),
  };
}

function monitoringSpec(m: RawMonitoring): MonitoringSpec {
  return {
    notify: [...m.notify],
    webhooks: [...(m.webhooks ?? [])],
    deniedCalls: { ...DEFAULT_DENIED_CALLS, ...m.deniedCalls },
    retentionDays: m.retentionDays ?? DEFAULT_RETENTION_DAYS,
    aws: { ...m.aws },
    gcp: { notificationChannels: [...(m.gcp?.notificationChannels ?? [])] },
    azure: { ...m.azure },
  };
}

function suppressionSpecs(raw: readonly RawSuppression[] | undefined, at: ConfigPath): SuppressionSpec[] {
  return (raw ?? []).map((s, i) => ({
    rule: s.rule,
    reason: s.reason,
    ...(s.appliesTo && { appliesTo: [...s.appliesTo] }),
    path: [...at, 'suppress', i],
  }));
}

/** Expands the placeholders in every string of a JSON value. */
function expandDeep(value: unknown, env: PlaceholderValues): unknown {
  if (typeof value === 'string') return expandPlaceholders(value, env);
  if (Array.isArray(value)) return value.map((v) => expandDeep(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeep(v, env)]));
  return value;
}

function extraAccessSpec(raw: RawExtraAccess | undefined, env: PlaceholderValues): ExtraAccessSpec {
  const e = (s: string) => expandPlaceholders(s, env);
  return {
    aws: (raw?.aws ?? []).map((statement) => expandDeep(statement, env) as Record<string, unknown>),
    gcp: (raw?.gcp ?? []).map((b) => ({ role: e(b.role), on: b.on as GcpExtraTarget, ...(b.name !== undefined && { name: e(b.name) }) })),
    azure: (raw?.azure ?? []).map((a) => ({ role: e(a.role), scope: e(a.scope) })),
  };
}

function resourceSpec(name: string, r: RawResource, env: PlaceholderValues): ResourceSpec {
  const clouds: Partial<Record<Cloud, Record<string, string>>> = {};
  for (const cloud of CLOUDS) {
    const fields = r[cloud];
    if (fields) clouds[cloud] = expandPlaceholdersIn(fields, env);
  }
  return { name, kind: r.kind, clouds, previousNames: [...(r.previousNames ?? [])] };
}

function workloadSpec(
  name: string,
  w: RawWorkload,
  env: PlaceholderValues,
  configuredClouds: readonly Cloud[],
  rawResources: RawConfig['resources'],
  resources: ReadonlyMap<string, ResourceSpec>,
  monitoring: MonitoringSpec,
): WorkloadSpec {
  const sourceList = Array.isArray(w.runsOn);
  const sources = (sourceList ? (w.runsOn as readonly RawRunsOn[]) : [w.runsOn as RawRunsOn]).map((r) => sourceOf(r, env));
  const home = homeCloudOf({ sources });
  // An explicit list wins; a runtime workload always has an identity where it runs: the other clouds trust that one.
  const wanted = new Set<Cloud>(w.clouds ?? defaultClouds(home, grantedClouds(w.access, w.extraAccess, rawResources), (c) => configuredClouds.includes(c)));
  if (home) wanted.add(home);
  const grants: GrantSpec[] = w.access.map((a) => ({
    resource: resources.get(a.resource) as ResourceSpec,
    levels: a.allow as Level[],
  }));
  return {
    name,
    description: w.description,
    owner: w.owner,
    source: sources[0],
    sources,
    // Absent for a single runsOn, so every config without a list normalizes exactly as before.
    ...(sourceList && { sourceList: true as const }),
    clouds: CLOUDS.filter((c) => wanted.has(c)),
    sessionMinutes: w.session?.maxMinutes ?? DEFAULT_SESSION_MINUTES,
    monitoring: {
      deniedCalls: { ...monitoring.deniedCalls, ...w.monitoring?.deniedCalls },
      ...(w.monitoring?.optOut !== undefined && { optOut: w.monitoring.optOut.trim() }),
    },
    grants,
    previousNames: [...(w.previousNames ?? [])],
    retired: w.retired ?? false,
    extraAccess: extraAccessSpec(w.extraAccess, env),
    suppressions: suppressionSpecs(w.suppress, ['workloads', name]),
  };
}
