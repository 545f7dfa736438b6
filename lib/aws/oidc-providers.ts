/**
 * IAM OIDC providers: one per issuer per AWS account, shared by every workload that trusts
 * that issuer. When several environments share an account, the first environment (in config
 * order) that needs the issuer owns the provider with every audience; the others refer to
 * its ARN, so no two stacks manage the same resource. An issuer the environment lists in
 * `aws.existingOidcProviders` gets no provider: its trusts name the given ARN.
 */
import { Construct } from 'constructs';
import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { formatConstructId } from '../terraform/construct-id';
import { GOOGLE_ISSUER } from '../sources/gcp';
import { trustsFor } from '../sources/source-list';
import { planOwnership } from '../constructs/shared-ownership';
import type { ObjectNeed } from '../constructs/shared-ownership';
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

/** Plans every IAM OIDC provider of the spec, by account and issuer (see lib/constructs/shared-ownership.ts). */
export function planOidcProviders(spec: Spec): ReadonlyMap<string, OidcProviderPlan> {
  const needs: ObjectNeed<{ accountId: string; issuer: string; audiences: string[] }>[] = [];
  for (const env of spec.environments) {
    if (!env.aws) continue;
    for (const workload of env.workloads) {
      if (!workload.clouds.includes('aws')) continue;
      // Every source of a runsOn list: one provider per distinct issuer.
      for (const { trust } of trustsFor(workload, 'aws', env)) {
        if (trust.kind !== 'oidc' || trust.issuer === GOOGLE_ISSUER) continue;
        // The account already has it (existingOidcProviders): nothing to make, nor to own.
        if (Object.hasOwn(env.aws.existingOidcProviders ?? {}, trust.issuer)) continue;
        const value = { accountId: env.aws.accountId, issuer: trust.issuer, audiences: trust.audience ? [trust.audience] : [] };
        needs.push({ key: planKey(env.aws.accountId, trust.issuer), env: env.name, value });
      }
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

/** `text` kept literal in a Terraform string: `${` and `%{` doubled, so no template is read into it (the loader refuses them anyway). */
const untemplated = (text: string) => text.replace(/([$%])\{/g, '$1$1{');
/** A Terraform string literal of `value` inside an expression: JSON's escapes are HCL's. */
const hclString = (value: string) => untemplated(JSON.stringify(value));

/** The IAM OIDC providers of one environment's stack. */
export class AwsOidcProviders extends Construct {
  private readonly made = new Map<string, IamOpenidConnectProvider>();
  /** Existing providers read at plan, with the audiences our trusts need of them. */
  private readonly checked = new Map<string, { readonly provider: DataAwsIamOpenidConnectProvider; readonly audiences: Set<string> }>();

  constructor(
    scope: Construct,
    id: string,
    private readonly envName: string,
    private readonly accountId: string,
    private readonly existing: Readonly<Record<string, string>>,
    private readonly plans: ReadonlyMap<string, OidcProviderPlan>,
  ) {
    super(scope, id);
  }

  /** The providers this stack owns, by issuer. */
  get providers(): ReadonlyMap<string, IamOpenidConnectProvider> {
    return this.made;
  }

  /**
   * The ARN of the provider for `issuer`, which must admit `audience`: the existing one's (checked
   * at plan, see `checkExisting`), a reference when this stack owns it, else its known ARN.
   */
  arnFor(issuer: string, audience: string | undefined): string {
    if (Object.hasOwn(this.existing, issuer)) {
      if (audience !== undefined) this.checkExisting(issuer, audience);
      return this.existing[issuer];
    }
    const plan = this.plans.get(planKey(this.accountId, issuer));
    if (!plan) throw new Error(`no OIDC provider planned for ${issuer} in account ${this.accountId}`);
    if (plan.owner !== this.envName) return `arn:aws:iam::${this.accountId}:oidc-provider/${issuerKey(issuer)}`;
    let provider = this.made.get(issuer);
    if (!provider) {
      const slug = issuerSlug(issuer, [...this.plans.values()].filter((p) => p.accountId === this.accountId).map((p) => p.issuer));
      // The id comes from the issuer, which may spell a prototype member (https://constructor): see lib/terraform/construct-id.ts.
      provider = new IamOpenidConnectProvider(this, formatConstructId(slug), {
        url: issuer,
        clientIdList: [...plan.audiences].sort(),
        tags: { 'managed-by': 'workload-identity' },
      });
      provider.overrideLogicalId(`oidc_${slug}`);
      this.made.set(issuer, provider);
    }
    return provider.arn;
  }

  /**
   * An existing provider admits only the audiences in its client id list, which synth cannot see:
   * the `aws_iam_openid_connect_provider` data source reads it at plan (its computed
   * `client_id_list`), and a postcondition per audience fails the plan, naming the audience,
   * when one is missing.
   */
  private checkExisting(issuer: string, audience: string): void {
    let check = this.checked.get(issuer);
    if (!check) {
      const slug = issuerSlug(issuer, Object.keys(this.existing));
      const provider = new DataAwsIamOpenidConnectProvider(this, formatConstructId(`existing-${slug}`), { arn: this.existing[issuer] });
      provider.overrideLogicalId(`existing_oidc_${slug}`);
      check = { provider, audiences: new Set() };
      this.checked.set(issuer, check);
    }
    check.audiences.add(audience);
    check.provider.lifecycle = {
      postcondition: [...check.audiences].sort().map((a) => ({
        condition: `\${contains(self.client_id_list, ${hclString(a)})}`,
        errorMessage: untemplated(`The existing IAM OIDC provider ${this.existing[issuer]} does not list the audience ${JSON.stringify(a)} that this stack's roles trust: add it to the provider's client IDs (aws iam add-client-id-to-open-id-connect-provider).`),
      })),
    };
  }
}
