/**
 * What every cloud's identity construct of one environment shares: the app, the environment,
 * the per-stack registries (OIDC providers, pools, custom roles), and the workload's
 * identities on the other clouds, which cross-cloud trust refers to.
 */
import type { Cloud } from '../access/vocabulary';
import type { PeerAttribute } from '../sources/trust';
import type { IdentityNames } from '../spec/names';
import type { EnvironmentSpec, WorkloadSpec } from '../spec/types';

/** Attributes of a workload's identity on one cloud, as references. */
export interface PeerIdentity {
  /** Reference to the attribute, resolved by Terraform at apply time. */
  attribute(name: PeerAttribute['attribute']): string;
}

/** Everything an identity construct needs beyond its cloud's shared resources. */
export interface IdentityContext {
  readonly app: string;
  readonly env: EnvironmentSpec;
  readonly workload: WorkloadSpec;
  readonly names: IdentityNames;
  /** Tags (labels) every identity carries: app, environment, workload, owner. */
  readonly tags: Readonly<Record<string, string>>;
  /** The workload's identities already made on other clouds. */
  readonly peers: ReadonlyMap<Cloud, PeerIdentity>;
}

/** Resolves a trust subject: a literal, or an attribute of the workload's identity elsewhere. */
export function resolveSubject(subject: string | PeerAttribute, ctx: IdentityContext): string {
  if (typeof subject === 'string') return subject;
  const peer = ctx.peers.get(subject.cloud);
  if (!peer) throw new Error(`${ctx.workload.name}: trust needs its ${subject.cloud} identity, which is made first`);
  return peer.attribute(subject.attribute);
}
