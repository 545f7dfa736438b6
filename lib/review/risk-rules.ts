/**
 * The risk of a change, from one ordered table: the first rule that matches decides. The README
 * shows the same table (a test keeps them equal).
 */
import { MUTATING_LEVELS } from '../kinds';
import type { Risk, RiskFacts } from './review-change';

/** Identity attributes whose change makes the cloud replace the identity. */
export const REPLACING_ATTRIBUTES: readonly string[] = ['name', 'project', 'resource_group_name', 'location'];

export interface RiskRule {
  readonly id: string;
  readonly risk: Risk;
  /** The rule in words, for the README and the JSON report. */
  readonly when: string;
  readonly matches: (f: RiskFacts) => boolean;
}

const FEDERATED = new Set(['oidc', 'aws-role', 'other']);
const gainsOrRetargets = (f: RiskFacts) => f.subject === 'grant' && (f.change === 'added' || f.change === 'changed');

export const RISK_RULES: readonly RiskRule[] = [
  {
    id: 'state-safety-error',
    risk: 'high',
    when: 'a protected identity is deleted without a release with retired: true, or would be replaced',
    matches: (f) => f.subject === 'safety' && f.severity === 'error',
  },
  { id: 'identity-removed', risk: 'high', when: 'an identity is removed (running workloads lose access)', matches: (f) => f.subject === 'identity' && f.change === 'removed' },
  {
    id: 'identity-replaced',
    risk: 'high',
    when: `an identity changes ${REPLACING_ATTRIBUTES.join(', ')} (the cloud replaces it)`,
    matches: (f) => f.subject === 'identity' && f.change === 'changed' && !!f.attributes?.some((a) => REPLACING_ATTRIBUTES.includes(a)),
  },
  { id: 'plan-replace-or-delete', risk: 'high', when: 'a plan replaces or destroys an identity', matches: (f) => f.subject === 'plan' && (f.change === 'replace' || f.change === 'delete') },
  { id: 'boundary-removed', risk: 'high', when: 'an AWS role loses its permissions boundary', matches: (f) => f.subject === 'identity' && !!f.boundaryRemoved },
  {
    id: 'new-federation-source',
    risk: 'high',
    when: 'a new federated trust (OIDC issuer and subject, AWS role, other member) on an identity',
    matches: (f) => f.subject === 'trust' && f.change === 'added' && FEDERATED.has(f.trustKind ?? ''),
  },
  { id: 'trust-subject-changed', risk: 'high', when: 'a trust changes its subject', matches: (f) => f.subject === 'trust' && f.change === 'changed' && !!f.attributes?.includes('subject') },
  {
    id: 'production-write',
    risk: 'high',
    when: `a grant of ${MUTATING_LEVELS.join(', ')} added or retargeted in production`,
    matches: (f) => gainsOrRetargets(f) && f.production && MUTATING_LEVELS.includes(f.level ?? ''),
  },
  {
    id: 'audit-removed',
    risk: 'high',
    when: 'an audit config is removed (CloudTrail trail, GCP audit log config, Azure diagnostic setting): identities go unwatched',
    matches: (f) => f.subject === 'audit' && f.change === 'removed',
  },
  { id: 'guardrail-error', risk: 'high', when: 'a guardrail error appears', matches: (f) => f.subject === 'guardrail' && f.change === 'appeared' && /^(error|high|critical)$/i.test(f.severity ?? '') },
  { id: 'unmapped-permission', risk: 'medium', when: 'a permission outside the access vocabulary is added or changed', matches: (f) => gainsOrRetargets(f) && f.level === undefined },
  { id: 'production-grant', risk: 'medium', when: 'any other grant added or retargeted in production', matches: (f) => gainsOrRetargets(f) && f.production },
  { id: 'write-grant', risk: 'medium', when: `a grant of ${MUTATING_LEVELS.join(', ')} added or retargeted outside production`, matches: (f) => gainsOrRetargets(f) && MUTATING_LEVELS.includes(f.level ?? '') },
  { id: 'new-runtime-trust', risk: 'medium', when: 'a new AWS service principal may assume a role (e.g. Lambda became ECS)', matches: (f) => f.subject === 'trust' && f.change === 'added' && f.trustKind === 'service' },
  { id: 'trust-changed', risk: 'medium', when: 'a trust changes its audience', matches: (f) => f.subject === 'trust' && f.change === 'changed' },
  { id: 'identity-changed', risk: 'medium', when: 'an identity changes a limit (session length, permissions boundary)', matches: (f) => f.subject === 'identity' && f.change === 'changed' },
  { id: 'plan-update', risk: 'medium', when: 'a plan updates an identity in place', matches: (f) => f.subject === 'plan' && f.change === 'update' },
  {
    id: 'state-safety-warning',
    risk: 'medium',
    when: 'an unprotected identity would be replaced, or shared trust of a protected environment is no longer needed',
    matches: (f) => f.subject === 'safety',
  },
  {
    id: 'shared-trust-removed',
    risk: 'medium',
    when: 'shared trust is removed (IAM OIDC provider, workload identity pool or pool provider): workloads federating through it lose access',
    matches: (f) => f.subject === 'shared-trust' && f.change === 'removed',
  },
  { id: 'alert-removed', risk: 'medium', when: 'an alert on denied calls is removed', matches: (f) => f.subject === 'alert' && f.change === 'removed' },
  { id: 'guardrail-warning', risk: 'medium', when: 'any other guardrail finding appears', matches: (f) => f.subject === 'guardrail' && f.change === 'appeared' },
  {
    id: 'narrowing-or-new',
    risk: 'low',
    when: 'anything else: a new identity, a read-only grant outside production, a removed grant or trust, a renamed resource, an identity attached by a GCP or Azure runtime, a finding gone',
    matches: () => true,
  },
];

/** The rule that decides a change's risk. */
export function riskOf(facts: RiskFacts): RiskRule {
  return RISK_RULES.find((r) => r.matches(facts)) as RiskRule;
}

/** The rules as a Markdown table. */
export function riskRulesMarkdown(): string {
  return ['| risk | rule | when |', '| --- | --- | --- |', ...RISK_RULES.map((r) => `| ${r.risk} | \`${r.id}\` | ${r.when} |`)].join('\n');
}
