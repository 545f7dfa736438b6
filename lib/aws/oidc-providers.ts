/**
 * IAM OIDC providers: one per issuer per AWS account, shared by every workload that trusts
 * that issuer. When several environments share an account, the first environment (in config
 * order) that needs the issuer owns the provider with every audience; the others refer to
 * its ARN, so no two stacks manage the same resource.
 */
import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { constructIdOf } from '../construct-ids';
import { GOOGLE_ISSUER, trustFor } from '../federation/trust';
import { planOwnership } from '../shared-ownership';
import type { ObjectNeed } from '../shared-ownership';
import { stableHash } from '../spec/names';
import type { Spec } from '../spec/types';
import { issuerKey } from './trust-policy';

/** Which environment owns the provider of an issuer in an account, and its audiences. */
export interface OidcProviderPlan {
  readonly owner: string;
  readonly accountId: string;
  readonly issuer: string;
  readonly audiences: string[];
}

/**
 * Providers are keyed by the exact issuer. IAM holds one provider per URL in an account ("You
 * cannot register the same provider multiple times", CreateOpenIDConnectProvider Url,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html) and
 * names it by the URL less `https://`, path and trailing `/` included: terraform-provider-aws
 * sends `url` unchanged and only restores the scheme to compare (internal/service/iam/
 * openid_connect_provider.go, suppressOpenIDURL), and a provider registered as `host/` does not
 * admit tokens of `https://host` (aws/aws-sam-cli#7432). So `https://x/p/` and `https://x/p` are
 * two providers, as they are two issuers. IAM does not document whether it folds case in the URL;
 * the key keeps case too, as the token's `iss` does.
 */
const planKey = (accountId: string, issuer: string) => `${accountId} ${issuer}`;

/** Plans every IAM OIDC provider of the spec, by account and issuer (see lib/shared-ownership.ts). */
export function planOidcProviders(spec: Spec): ReadonlyMap<string, OidcProviderPlan> {
  const needs: ObjectNeed<{ accountId: string; issuer: string; audiences: string[] }>[] = [];
  for (const env of spec.environments) {
    if (!env.aws) continue;
    for (const workload of env.workloads) {
      if (!workload.clouds.includes('aws')) continue;
      const trust = trustFor(workload.source, 'aws', env);
      if (trust.kind !== 'oidc' || trust.issuer === GOOGLE_ISSUER) continue;
      const value = { accountId: env.aws.accountId, issuer: trust.issuer, audiences: trust.audience ? [trust.audience] : [] };
      needs.push({ key: planKey(env.aws.accountId, trust.issuer), env: env.name, value });
    }
  }
  const owned = planOwnership(needs, (into, next) => ({ ...into, audiences: [...into.audiences, ...next.audiences.filter((a) => !into.audiences.includes(a))] }));
  return new Map([...owned].map(([key, { owner, value }]) => [key, { owner, ...value }]));
}

/**
 * Terraform-safe slug of an issuer, used in resource addresses, unique among `issuers` (the
 * account's other issuers): `.` and `/` both become `_`, so issuers that differ only there get a
 * hash of the exact issuer appended, and every other issuer keeps its plain slug.
 */
export function issuerSlug(issuer: string, issuers: Iterable<string> = []): string {
  const slug = (i: string) => issuerKey(i).replace(/[^A-Za-z0-9-]+/g, '_');
  const base = slug(issuer);
  for (const other of issuers) if (other !== issuer && slug(other) === base) return `${base}_${stableHash([issuer], 6)}`;
  return base;
}

/** The IAM OIDC providers of one environment's stack. */
export class AwsOidcProviders extends Construct {
  private readonly made = new Map<string, IamOpenidConnectProvider>();

  constructor(
    scope: Construct,
    id: string,
    private readonly envName: string,
    private readonly accountId: string,
    private readonly plans: ReadonlyMap<string, OidcProviderPlan>,
  ) {
    super(scope, id);
  }

  /** The providers this stack owns, by issuer. */
  get providers(): ReadonlyMap<string, IamOpenidConnectProvider> {
    return this.made;
  }

  /** The ARN of the provider for `issuer`: a reference when this stack owns it, else its known ARN. */
  arnFor(issuer: string): string {
    const plan = this.plans.get(planKey(this.accountId, issuer));
    if (!plan) throw new Error(`no OIDC provider planned for ${issuer} in account ${this.accountId}`);
    if (plan.owner !== this.envName) return `arn:aws:iam::${this.accountId}:oidc-provider/${issuerKey(issuer)}`;
    let provider = this.made.get(issuer);
    if (!provider) {
      const slug = issuerSlug(issuer, [...this.plans.values()].filter((p) => p.accountId === this.accountId).map((p) => p.issuer));
      // The id comes from the issuer, which may spell a prototype member (https://constructor): see construct-ids.ts.
      provider = new IamOpenidConnectProvider(this, constructIdOf(slug), {
        url: issuer,
        clientIdList: [...plan.audiences].sort(),
        tags: { 'managed-by': 'workload-identity' },
      });
      provider.overrideLogicalId(`oidc_${slug}`);
      this.made.set(issuer, provider);
    }
    return provider.arn;
  }
}
