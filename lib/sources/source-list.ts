/**
 * A workload's sources: `runsOn` is one source, or a list of sources that are all trusted (a
 * migration from GitHub's `owner/repo` subject to `owner@id/repo@id`, one service in two
 * clusters, a deployer on two branches). Every source is trusted on every cloud of the
 * workload, each pinned exactly as a single source is.
 *
 * Names and addresses: the first source of a list keeps every name and address a single
 * runsOn gives (so turning a single runsOn into a list, the old source first, moves nothing);
 * each further source adds its `sourceKey` to them (`<w>_federation_<key>`, Sid
 * `<Base>AssumesRole<key>`, `<w>-<form>-<key>`). The key is a hash of what the source is
 * (issuer and subject, or the runtime), not of its position, so reordering the later sources
 * renames nothing.
 */
import { createHash } from 'node:crypto';
import type { Cloud } from '../access/vocabulary';
import type { ConfigPath } from '../spec/config-error';
import type { EnvironmentSpec, Source, WorkloadSpec } from '../spec/types';
import { trustFor } from './runs-on';
import type { Trust } from './trust';

/** Hex characters of a source key. */
export const SOURCE_KEY_LENGTH = 8;

/**
 * A stable key of a source: the first 8 hex characters of the SHA-256 of `issuer NUL subject`
 * (and `NUL eks:<cluster>` for EKS Pod Identity, whose AWS trust names the cluster), or of
 * `runtime NUL <cloud> NUL <runtime>`.
 */
export function sourceKey(source: Source): string {
  const parts =
    source.type === 'runtime'
      ? ['runtime', source.cloud, source.runtime]
      : [source.issuer, source.subject, ...(source.podIdentity ? [`eks:${source.podIdentity.cluster}`] : [])];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, SOURCE_KEY_LENGTH);
}

/** The config path of a workload's source `index`: `runsOn[i]` for a list, `runsOn` for a single source. */
export function sourcePath(workload: Pick<WorkloadSpec, 'name' | 'sourceList'>, index: number): ConfigPath {
  return workload.sourceList ? ['workloads', workload.name, 'runsOn', index] : ['workloads', workload.name, 'runsOn'];
}

/** One trust of a workload's identity on a cloud, with the source it comes from. */
export interface SourceTrust {
  readonly trust: Trust;
  readonly source: Source;
  /** The source's position in runsOn (0 for a single source). */
  readonly index: number;
  /**
   * What names and addresses of this trust add: undefined for the first source (the names of a
   * single runsOn), else its `sourceKey`.
   */
  readonly key?: string;
}

/**
 * The trusts of `workload`'s identity on `cloud`, one per source in config order, a trust that
 * an earlier source already gives left out (two AWS runtimes are one role to GCP and Azure).
 */
export function trustsFor(workload: Pick<WorkloadSpec, 'sources'>, cloud: Cloud, env: EnvironmentSpec): SourceTrust[] {
  const seen = new Set<string>();
  const out: SourceTrust[] = [];
  workload.sources.forEach((source, index) => {
    const trust = trustFor(source, cloud, env);
    const id = JSON.stringify(trust);
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ trust, source, index, ...(index > 0 && { key: sourceKey(source) }) });
  });
  return out;
}

/** The cloud a workload runs on natively: that of its runtime source (at most one cloud's, lib/config/check-source-lists.ts). */
export function homeCloudOf(workload: Pick<WorkloadSpec, 'sources'>): Cloud | undefined {
  return workload.sources.find((s) => s.type === 'runtime')?.cloud;
}

/** The form name a source came from: its runsOn key (github, kubernetes...) or its runtime's cloud. */
export function sourceForm(source: Source): string {
  return source.type === 'oidc' ? source.provider : source.cloud;
}
