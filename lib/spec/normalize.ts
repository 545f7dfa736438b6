/**
 * Turns a valid raw config into the normalized spec: defaults applied, `{env}` expanded,
 * workloads resolved per environment.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud, Level } from '../access/vocabulary';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE, sourceOf } from '../federation/sources';
import { expandEnvIn } from './placeholders';
import type { RawConfig, RawEnvironment, RawResource, RawWorkload } from './raw-config';
import type { EnvironmentSpec, GrantSpec, ResourceSpec, Spec, WorkloadSpec } from './types';

/** Default longest session, in minutes. */
export const DEFAULT_SESSION_MINUTES = 60;

export function normalize(raw: RawConfig): Spec {
  return {
    app: raw.app,
    environments: Object.entries(raw.environments).map(([name, env]) => environmentSpec(raw, name, env)),
  };
}

function environmentSpec(raw: RawConfig, name: string, env: RawEnvironment): EnvironmentSpec {
  const resources = new Map(Object.entries(raw.resources ?? {}).map(([rn, r]) => [rn, resourceSpec(rn, r, name)]));
  const configuredClouds = CLOUDS.filter((c) => env[c]);
  return {
    name,
    ...(env.aws && { aws: { ...env.aws } }),
    ...(env.gcp && { gcp: { ...env.gcp } }),
    ...(env.azure && {
      azure: {
        ...env.azure,
        tokenAudience: env.azure.tokenAudience ?? AZURE_TOKEN_EXCHANGE_AUDIENCE,
        tokenIssuer: (env.azure.tokenIssuer ?? `https://login.microsoftonline.com/${env.azure.tenantId}/v2.0`).replace(/\/+$/, ''),
      },
    }),
    monitoring: { notify: [...env.monitoring.notify] },
    ...(env.terraformCloud && { terraformCloud: { ...env.terraformCloud, hostname: env.terraformCloud.hostname ?? 'app.terraform.io' } }),
    shards: env.shards ?? 1,
    workloads: Object.entries(raw.workloads)
      .filter(([, w]) => !w.environments || w.environments.includes(name))
      .map(([wn, w]) => workloadSpec(wn, w, name, configuredClouds, resources)),
  };
}

function resourceSpec(name: string, r: RawResource, env: string): ResourceSpec {
  const clouds: Partial<Record<Cloud, Record<string, string>>> = {};
  for (const cloud of CLOUDS) {
    const fields = r[cloud];
    if (fields) clouds[cloud] = expandEnvIn(fields, env);
  }
  return { name, kind: r.kind, clouds };
}

function workloadSpec(
  name: string,
  w: RawWorkload,
  env: string,
  configuredClouds: readonly Cloud[],
  resources: ReadonlyMap<string, ResourceSpec>,
): WorkloadSpec {
  const source = sourceOf(w.runsOn, env);
  const wanted = new Set<Cloud>(w.clouds ?? configuredClouds);
  // A runtime workload always has an identity where it runs: the other clouds trust that one.
  if (source.type === 'runtime') wanted.add(source.cloud);
  const grants: GrantSpec[] = w.access.map((a) => ({
    resource: resources.get(a.resource) as ResourceSpec,
    levels: a.allow as Level[],
  }));
  return {
    name,
    description: w.description,
    owner: w.owner,
    source,
    clouds: CLOUDS.filter((c) => wanted.has(c)),
    sessionMinutes: w.session?.maxMinutes ?? DEFAULT_SESSION_MINUTES,
    grants,
  };
}
