import { trustPolicies } from '../aws-policies';
import type { Statement } from '../aws-policies';
import type { RawFinding, Rule, RuleContext } from '../rule';

/** The id of this rule: the one a workload suppresses to trust a wildcard subject on purpose. */
export const FEDERATION_PINNING_RULE = 'WI-FED-001';

const WILDCARD = /[*?]/;
const EXACT_OPERATORS = new Set(['StringEquals']);
const FEDERATED_ACTION = /^(\*|sts:\*|sts:AssumeRoleWith\*|sts:AssumeRoleWithWebIdentity)$/i;

const isAnyone = (principal: unknown): boolean =>
  principal === '*' || (!!principal && typeof principal === 'object' && [(principal as { AWS?: unknown }).AWS].flat().includes('*'));

/** What is wrong with a web identity trust statement's conditions. */
function awsTrustFindings(statement: Statement): { detail: string; message: string }[] {
  const out: { detail: string; message: string }[] = [];
  for (const claim of ['aud', 'sub']) {
    const exact = Object.entries(statement.condition)
      .filter(([op]) => EXACT_OPERATORS.has(op))
      .flatMap(([, keys]) => Object.entries(keys).filter(([key]) => key.endsWith(`:${claim}`)).flatMap(([, values]) => values));
    const loose = Object.entries(statement.condition)
      .filter(([op]) => !EXACT_OPERATORS.has(op))
      .flatMap(([op, keys]) => Object.entries(keys).filter(([key]) => key.endsWith(`:${claim}`)).map(([key, values]) => `${op} ${key} ${values.join(', ')}`));
    if (loose.length) out.push({ detail: `Condition::${claim}`, message: `the trust matches ${claim} loosely (${loose.join('; ')})` });
    else if (!exact.length) out.push({ detail: `Condition::${claim}`, message: `the trust does not pin ${claim} with StringEquals` });
    else if (exact.some((v) => WILDCARD.test(v) || v === '')) out.push({ detail: `Condition::${claim}`, message: `the pinned ${claim} holds a wildcard (${exact.join(', ')})` });
  }
  return out;
}

function awsFindings(ctx: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { resource, statements } of trustPolicies(ctx)) {
    for (const statement of statements.filter((s) => s.effect === 'Allow')) {
      if (isAnyone(statement.principal)) findings.push({ resource, detail: 'Principal::*', message: 'the trust policy lets any AWS principal assume the role' });
      if (!statement.actions.some((a) => FEDERATED_ACTION.test(a))) continue;
      for (const f of awsTrustFindings(statement)) findings.push({ resource, ...f });
    }
  }
  return findings;
}

function azureFindings(ctx: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const resource of ctx.index.ofType('azurerm_federated_identity_credential')) {
    const subject = resource.config.subject;
    const audience = resource.config.audience;
    if (typeof subject !== 'string' || !subject || WILDCARD.test(subject)) {
      findings.push({ resource, detail: 'Condition::sub', message: `the federated credential does not pin an exact subject (${JSON.stringify(subject)})` });
    }
    if (!Array.isArray(audience) || !audience.length || audience.some((a) => typeof a !== 'string' || WILDCARD.test(a))) {
      findings.push({ resource, detail: 'Condition::aud', message: `the federated credential does not pin its audience (${JSON.stringify(audience)})` });
    }
  }
  return findings;
}

function gcpFindings(ctx: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const resource of ctx.index.ofType('google_service_account_iam_member')) {
    const member = String(resource.config.member);
    const subject = /^principal:\/\/.*\/subject\/(.*)$/.exec(member)?.[1];
    if (subject !== undefined && (!subject || WILDCARD.test(subject))) {
      findings.push({ resource, detail: 'Condition::sub', message: `the federated member does not pin an exact subject (${member})` });
    }
  }
  return findings;
}

export const federationPinned: Rule = {
  id: FEDERATION_PINNING_RULE,
  level: 'error',
  cloud: 'all',
  statement: 'Every federated trust pins the issuer, the audience and the exact subject, with no wildcard; no trust lets any principal in.',
  why:
    'An OIDC issuer such as GitHub or a Kubernetes cluster signs tokens for everyone who uses it: a trust that does not pin aud and the exact sub ' +
    'admits every repository, branch or service account of that issuer.',
  fix:
    'Pin the subject in runsOn (repository and environment or ref, namespace and service account...). If a wildcard subject is intended, ' +
    'suppress this rule on the workload with a reason: AWS then matches sub with StringLike (aud stays exact); GCP and Azure refuse wildcards.',
  check: (ctx) => [...awsFindings(ctx), ...azureFindings(ctx), ...gcpFindings(ctx)],
};
