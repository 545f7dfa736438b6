/**
 * Rules of the Google Cloud APIs that the google provider (v6.50.0) does not validate at plan,
 * one row per rule with its source, held against a synthesized stack's Terraform JSON. What the
 * provider validates itself (ids, account ids, member syntax) is not repeated here. The tests
 * check every stack they synthesize against these rules (test/helpers/synth.ts).
 */
import { GCP_TARGETS } from '../kinds';
import { GCP_LIMITS, limit } from './api-limits';
import type { GcpLimitName } from './api-limits';
import { formatAddress } from '../terraform/address';
import type { ResourceJson, ResourcesJson } from '../terraform/stack-json';

/** The resources a rule applies to: a type, or every IAM member type. */
export type GcpRuleTarget = 'google_iam_workload_identity_pool' | 'google_iam_workload_identity_pool_provider' | 'google_service_account' | 'iam_member';

/** One API rule: what it checks, its source, and the violation it finds in a resource, if any. */
export interface GcpFederationApiRule {
  readonly id: string;
  readonly on: GcpRuleTarget;
  readonly source: string;
  readonly violation: (resource: ResourceJson) => string | undefined;
}

/** A violation found in a stack. */
export interface GcpRuleViolation {
  readonly rule: string;
  readonly address: string;
  readonly message: string;
  readonly source: string;
}

/** Length once Terraform resolves references: an apply-time id is at most a GUID's 36 characters. */
const resolved = (value: string) => value.replace(/\$\{[^}]+\}/g, 'x'.repeat(36));
const text = (r: ResourceJson, key: string) => (typeof r[key] === 'string' ? (r[key] as string) : undefined);

/** A rule that a string attribute stays within a limit (characters, or UTF-8 bytes). */
function within(id: string, on: GcpRuleTarget, key: string, name: GcpLimitName, unit: 'characters' | 'bytes' = 'characters'): GcpFederationApiRule {
  return {
    id,
    on,
    source: GCP_LIMITS[name].source,
    violation: (r) => {
      const value = text(r, key);
      if (value === undefined) return undefined;
      const size = unit === 'bytes' ? Buffer.byteLength(resolved(value)) : resolved(value).length;
      return size > limit(name) ? `${key} is ${size} ${unit}; the limit is ${limit(name)}` : undefined;
    },
  };
}

const PROVIDER = 'google_iam_workload_identity_pool_provider';
const mappingOf = (r: ResourceJson) => (r.attribute_mapping ?? {}) as Record<string, string>;
const audiencesOf = (r: ResourceJson) => ((r.oidc as { allowed_audiences?: string[] } | undefined)?.allowed_audiences ?? []) as string[];

export const GCP_FEDERATION_API_RULES: readonly GcpFederationApiRule[] = [
  within('pool-display-name', 'google_iam_workload_identity_pool', 'display_name', 'poolDisplayNameCharacters'),
  within('pool-description', 'google_iam_workload_identity_pool', 'description', 'poolDescriptionCharacters'),
  within('provider-display-name', PROVIDER, 'display_name', 'providerDisplayNameCharacters'),
  within('provider-description', PROVIDER, 'description', 'providerDescriptionCharacters'),
  within('provider-condition', PROVIDER, 'attribute_condition', 'conditionCharacters'),
  within('service-account-display-name', 'google_service_account', 'display_name', 'serviceAccountDisplayNameCharacters', 'bytes'),
  {
    id: 'provider-maps-subject',
    on: PROVIDER,
    source:
      'https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers (attributeMapping); terraform-provider-google v6.50.0 ' +
      'resource_iam_workload_identity_pool_provider.go:182-187 (OIDC: a mapping must include google.subject; AWS: once any mapping is custom), no validation',
    violation: (r) => ((r.oidc || Object.keys(mappingOf(r)).length) && !mappingOf(r)['google.subject'] ? 'the provider maps no google.subject' : undefined),
  },
  {
    id: 'provider-mapping-expressions',
    on: PROVIDER,
    source: GCP_LIMITS.mappingExpressionCharacters.source,
    violation: (r) => {
      const long = Object.entries(mappingOf(r)).find(([, e]) => e.length > limit('mappingExpressionCharacters'));
      return long && `the mapping of ${long[0]} is ${long[1].length} characters; the limit is ${limit('mappingExpressionCharacters')}`;
    },
  },
  {
    id: 'provider-custom-attributes',
    on: PROVIDER,
    source: `${GCP_LIMITS.customAttributes.source}; keys of at most 100 characters of [a-z0-9_] (same page; provider file :147-148)`,
    violation: (r) => {
      const keys = Object.keys(mappingOf(r)).filter((k) => !k.startsWith('google.'));
      const bad = keys.find((k) => !/^attribute\.[a-z0-9_]{1,100}$/.test(k));
      if (bad) return `attribute key ${bad} is not attribute.[a-z0-9_]{1,100}`;
      return keys.length > limit('customAttributes') ? `${keys.length} custom attributes; the limit is ${limit('customAttributes')}` : undefined;
    },
  },
  {
    id: 'provider-audiences',
    on: PROVIDER,
    source: `${GCP_LIMITS.audiencesPerProvider.source}; ${GCP_LIMITS.audienceCharacters.source}`,
    violation: (r) => {
      const audiences = audiencesOf(r);
      if (audiences.length > limit('audiencesPerProvider')) return `${audiences.length} allowed audiences; the limit is ${limit('audiencesPerProvider')}`;
      const long = audiences.find((a) => a.length > limit('audienceCharacters'));
      return long && `audience ${long.slice(0, 40)}... is ${long.length} characters; the limit is ${limit('audienceCharacters')}`;
    },
  },
  {
    id: 'principal-subject',
    on: 'iam_member',
    source: GCP_LIMITS.subjectBytes.source,
    violation: (r) => {
      const subject = /^principal:\/\/iam\.googleapis\.com\/.+\/subject\/(.*)$/.exec(text(r, 'member') ?? '')?.[1];
      const bytes = subject === undefined ? 0 : Buffer.byteLength(resolved(subject));
      return bytes > limit('subjectBytes') ? `the principal's subject is ${bytes} bytes; the limit is ${limit('subjectBytes')}` : undefined;
    },
  },
];

/** The allow policy an IAM member resource lands in: its type and the attributes naming the target. */
function policyKey(type: string, r: ResourceJson): string {
  const target = [...Object.values(GCP_TARGETS).map((t) => t.attribute), 'service_account_id', 'project']
    .filter((k) => typeof r[k] === 'string')
    .map((k) => `${k}=${r[k] as string}`);
  return `${type.replace(/_iam_member$/, '')} ${target.join(' ')}`;
}

/** Quotas a stack is checked against: a project's raised service account quota. */
export interface GcpQuotas {
  /** Service accounts per project id. @default 100 for every project */
  readonly serviceAccounts?: Readonly<Record<string, number>>;
}

/** Every violation of the API rules, and of the per-project and per-policy counts, in one stack. */
export function checkGcpFederationApiRules(resources: ResourcesJson, quotas: GcpQuotas = {}): GcpRuleViolation[] {
  const violations: GcpRuleViolation[] = [];
  const perProject = new Map<string, number>();
  const perPolicy = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(resources)) {
    const target: GcpRuleTarget | undefined = type.endsWith('_iam_member') && type.startsWith('google_') ? 'iam_member' : (type as GcpRuleTarget);
    const rules = GCP_FEDERATION_API_RULES.filter((rule) => rule.on === target);
    for (const [name, r] of Object.entries(byName)) {
      for (const rule of rules) {
        const message = rule.violation(r);
        if (message) violations.push({ rule: rule.id, address: formatAddress({ type, name }), message, source: rule.source });
      }
      if (type === 'google_service_account') perProject.set(String(r.project), (perProject.get(String(r.project)) ?? 0) + 1);
      if (target === 'iam_member') {
        const key = policyKey(type, r);
        perPolicy.set(key, (perPolicy.get(key) ?? new Set()).add(`${String(r.role)} ${String(r.member)}`));
      }
    }
  }
  for (const [project, count] of perProject) {
    const quota = quotas.serviceAccounts?.[project] ?? limit('serviceAccountsPerProject');
    if (count > quota) {
      violations.push({ rule: 'service-accounts-per-project', address: `project ${project}`, message: `${count} service accounts; the quota is ${quota}`, source: GCP_LIMITS.serviceAccountsPerProject.source });
    }
  }
  for (const [policy, members] of perPolicy) {
    if (members.size > limit('principalsPerAllowPolicy')) {
      violations.push({
        rule: 'principals-per-allow-policy',
        address: policy,
        message: `${members.size} principals; the limit is ${limit('principalsPerAllowPolicy')}`,
        source: GCP_LIMITS.principalsPerAllowPolicy.source,
      });
    }
  }
  return violations;
}
