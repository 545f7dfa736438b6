/**
 * Workload identity federation into Google Cloud: one pool per environment, one provider per
 * issuer (or per AWS account), each with an attribute condition that admits exactly the
 * subjects (or AWS roles) of this environment's workloads. Made on first use.
 *
 * Principals are per pool, not per provider: `principal://…/subject/S` admits a token of any
 * provider of the pool that maps `google.subject` to S. So every provider maps it to its own id,
 * a colon and the source's value (`github-1a2b3c4d:repo:acme/app:ref:refs/heads/main`,
 * `aws-111111111111:acme-dev-api`): provider ids are unique in a pool and hold no colon, so no
 * provider can map a subject that another provider's principal names. One pool per environment
 * (not per source) keeps pools per project at one per environment.
 *
 * Pool and provider ids depend only on the app, environment and issuer: deleted pools and
 * providers stay reserved for 30 days, so their ids must never churn.
 *
 * In a sharded environment the pool and its providers live in the environment's shared stack
 * and admit the subjects of every shard. A shard keeps its own provider (id suffixed with the
 * shard) only for subjects known at apply time (an Azure identity's principal id): listing
 * those in the shared stack would make it depend on the shards that depend on it.
 */
import { Construct } from 'constructs';
import { Lazy, Token } from 'cdktf';
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { PRINCIPAL_ID_LENGTH } from './api-limits';
import { gcpPoolId } from '../spec/names';
import type { CoarsePin, GcpEnvironment } from '../spec/types';
import { awsRoleCondition, cel, oidcCondition } from './attribute-condition';
import type { Admission } from './attribute-condition';
import { DEFAULT_AUDIENCE, allowedAudiences, awsProviderId, mappedSubject, oidcProviderId, poolCanonicalName, providerResourceName } from './provider-ids';

/** The role name of an assumed-role session ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`), in CEL. */
const AWS_ROLE = `assertion.arn.extract(${cel('assumed-role/{role}/')})`;

/** A condition's length once Terraform resolves the principal ids it holds as references. */
const resolvedLength = (condition: string) => condition.replace(/\$\{TfToken\[[^\]]+\]\}/g, 'x'.repeat(PRINCIPAL_ID_LENGTH)).length;

interface ProviderEntry {
  readonly provider: IamWorkloadIdentityPoolProvider;
  /** Admitted subjects (or roles) in admission order; the condition lists them at synth. */
  readonly admitted: Map<string, Admission>;
  readonly audiences: string[];
}

/** The shared pool a shard's pool defers to, and the suffix of the shard's own provider ids. */
export interface SharedPool {
  readonly pool: GcpWorkloadIdentityPool;
  readonly providerIdSuffix: string;
}

export class GcpWorkloadIdentityPool extends Construct {
  private pool?: IamWorkloadIdentityPool;
  private readonly providers = new Map<string, ProviderEntry>();
  /** The full resource name of the provider each member was admitted on. */
  private readonly providerNames = new Map<string, string>();

  /** `shared`: for a shard, the environment's pool in the shared stack. @default this is the environment's pool */
  constructor(
    scope: Construct,
    id: string,
    private readonly app: string,
    private readonly envName: string,
    private readonly gcp: GcpEnvironment,
    private readonly shared?: SharedPool,
  ) {
    super(scope, id);
  }

  /**
   * The member that is exactly `subject` from `issuer`; admits the subject (or, for a very
   * large environment, its `coarse` pin) on the issuer's provider.
   */
  oidcSubject(issuer: string, subject: string, audience: string | undefined, coarse?: readonly CoarsePin[]): string {
    if (this.shared && !Token.isUnresolved(subject)) return this.shared.pool.oidcSubject(issuer, subject, audience, coarse);
    const providerId = this.shared ? `${oidcProviderId(issuer)}-${this.shared.providerIdSuffix}` : oidcProviderId(issuer);
    const entry = this.provider(
      providerId,
      () => ({ attributeMapping: { 'google.subject': `${cel(mappedSubject(providerId, ''))} + assertion.sub` }, oidc: { issuerUri: issuer } }),
      (admitted) => {
        const condition = oidcCondition(admitted, resolvedLength);
        if (condition === undefined) throw new Error(`${issuer}: too many subjects for one attribute condition (the config check should have said so)`);
        return condition;
      },
    );
    const wanted = audience ?? DEFAULT_AUDIENCE;
    if (!entry.audiences.includes(wanted)) {
      entry.audiences.push(wanted);
      const audiences = allowedAudiences(entry.audiences, poolCanonicalName(this.gcp.projectNumber, gcpPoolId(this.app, this.envName), providerId));
      if (audiences) entry.provider.putOidc({ issuerUri: issuer, allowedAudiences: audiences });
    }
    entry.admitted.set(subject, { subject, ...(coarse && { coarse }) });
    return this.admitted(providerId, `principal://iam.googleapis.com/${this.poolName()}/subject/${mappedSubject(providerId, subject)}`);
  }

  /**
   * The member that is every session of one AWS role of `accountId`; admits the role on the
   * account's provider. The subject is the provider id and the role name, at most 16 + 1 + 64
   * bytes: the session ARN itself exceeds Google's 127 bytes for long role and session names.
   */
  awsRole(accountId: string, roleName: string): string {
    if (this.shared) return this.shared.pool.awsRole(accountId, roleName);
    const providerId = awsProviderId(accountId);
    const entry = this.provider(providerId, () => ({
      attributeMapping: {
        'google.subject': `${cel(mappedSubject(providerId, ''))} + ${AWS_ROLE}`,
        'attribute.aws_role': AWS_ROLE,
      },
      aws: { accountId },
    }), (admitted) => awsRoleCondition(admitted.map((a) => a.subject), `${this.app}-${this.envName}-`, accountId));
    entry.admitted.set(roleName, { subject: roleName });
    return this.admitted(providerId, `principal://iam.googleapis.com/${this.poolName()}/subject/${mappedSubject(providerId, roleName)}`);
  }

  /** The full resource name of the provider that admitted `member` (a member `oidcSubject` or `awsRole` returned). */
  providerNameOf(member: string): string | undefined {
    return this.providerNames.get(member) ?? this.shared?.pool.providerNameOf(member);
  }

  /** The pool, once a workload federates through it; undefined in a shard (the shared stack holds it). */
  get workloadIdentityPool(): IamWorkloadIdentityPool | undefined {
    return this.pool;
  }

  private admitted(providerId: string, member: string): string {
    this.providerNames.set(member, providerResourceName(this.gcp.projectNumber, gcpPoolId(this.app, this.envName), providerId));
    return member;
  }

  private poolName(): string {
    return this.ensurePool().name;
  }

  private ensurePool(): IamWorkloadIdentityPool {
    if (this.shared) return this.shared.pool.ensurePool();
    if (!this.pool) {
      const poolId = gcpPoolId(this.app, this.envName);
      this.pool = new IamWorkloadIdentityPool(this, 'pool', {
        project: this.gcp.projectId,
        workloadIdentityPoolId: poolId,
        displayName: poolId,
        description: `Workload identity federation for ${this.app}/${this.envName}`,
      });
      this.pool.overrideLogicalId('pool');
    }
    return this.pool;
  }

  private provider(
    providerId: string,
    config: () => Pick<ConstructorParameters<typeof IamWorkloadIdentityPoolProvider>[2], 'attributeMapping' | 'oidc' | 'aws'>,
    conditionOf: (admitted: readonly Admission[]) => string,
  ): ProviderEntry {
    let entry = this.providers.get(providerId);
    if (!entry) {
      const pool = this.ensurePool();
      const admitted = new Map<string, Admission>();
      const provider = new IamWorkloadIdentityPoolProvider(this, providerId, {
        project: this.gcp.projectId,
        workloadIdentityPoolId: pool.workloadIdentityPoolId,
        workloadIdentityPoolProviderId: providerId,
        displayName: providerId,
        ...config(),
        // Built once at synth: rebuilding it on every admission was quadratic in the subjects.
        attributeCondition: Lazy.stringValue({ produce: () => conditionOf([...admitted.values()]) }),
      });
      provider.overrideLogicalId(providerId);
      entry = { provider, admitted, audiences: [] };
      this.providers.set(providerId, entry);
    }
    return entry;
  }
}
