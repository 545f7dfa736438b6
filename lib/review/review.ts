/** A review: the access model diff, plan actions and guardrail findings, as one sorted list of changes. */
import type { AccessModel } from './access-model';
import { diffAccessModels } from './diff';
import type { ProductionTest } from './diff';
import { findingKey } from './guardrail-findings';
import type { GuardrailFinding } from './guardrail-findings';
import { planChanges } from './plan';
import type { PlanJson } from './plan';
import type { Risk, ReviewChange } from './review-change';
import { PRODUCTION_NAME } from '../spec/production';
import { riskOf } from './risk-rules';
import type { SynthesizedStacks } from './synthesized-stacks';
import { removedWatched } from './monitoring-and-shared-trust';
import { safetyFindings } from '../safety/review-checks';
import { CLOUD_LABEL } from './diff';
import { parseAddress } from '../terraform/address';
import { cloudOfResourceType } from '../terraform/resource-cloud';

export interface ReviewInput {
  readonly base: AccessModel;
  readonly head: AccessModel;
  /** `terraform show -json` outputs, by file name. @default none */
  readonly plans?: readonly { readonly file: string; readonly plan: PlanJson }[];
  /** Guardrail findings of each side; undefined where no report exists. @default none */
  readonly findings?: { readonly base?: readonly GuardrailFinding[]; readonly head?: readonly GuardrailFinding[] };
  /** Environments that are production. @default names matching PRODUCTION_NAME (prod, production, prd, live) */
  readonly production?: readonly string[];
  /** The synthesized stacks of each side, for the state safety checks. @default none */
  readonly stacks?: { readonly base: SynthesizedStacks; readonly head: SynthesizedStacks };
  /** Sentences about the comparison itself (e.g. the base had no config). @default none */
  readonly notes?: readonly string[];
}

export interface Review {
  readonly changes: readonly ReviewChange[];
  /** Counts by risk. */
  readonly totals: Readonly<Record<Risk, number>>;
  /** Whether guardrail reports were found on each side. */
  readonly guardrailReports: { readonly base: boolean; readonly head: boolean };
  /** Sentences about the comparison itself. */
  readonly notes: readonly string[];
}

const RISK_ORDER: readonly Risk[] = ['high', 'medium', 'low'];

export function buildReview(input: ReviewInput): Review {
  const isProduction: ProductionTest = input.production ? (e) => input.production?.includes(e) ?? false : (e) => PRODUCTION_NAME.test(e);
  const changes = [
    ...diffAccessModels(input.base, input.head, isProduction),
    ...(input.plans ?? []).flatMap((p) => planChanges(p.plan, p.file, [input.head, input.base], isProduction)),
    ...guardrailChanges(input, isProduction),
    ...safetyChanges(input, isProduction),
    ...watchedRemovals(input, isProduction),
  ];
  changes.sort((a, b) => RISK_ORDER.indexOf(a.risk) - RISK_ORDER.indexOf(b.risk) || a.stack.localeCompare(b.stack) || (a.workload ?? '').localeCompare(b.workload ?? ''));
  const totals = { high: 0, medium: 0, low: 0 };
  for (const c of changes) totals[c.risk]++;
  return { changes, totals, guardrailReports: { base: !!input.findings?.base, head: !!input.findings?.head }, notes: input.notes ?? [] };
}

function guardrailChanges(input: ReviewInput, isProduction: ProductionTest): ReviewChange[] {
  const base = new Map((input.findings?.base ?? []).map((f) => [findingKey(f), f]));
  const head = new Map((input.findings?.head ?? []).map((f) => [findingKey(f), f]));
  const environments = new Map([...input.base.stacks, ...input.head.stacks].map((s) => [s.stack, s.environment]));
  const out: ReviewChange[] = [];
  const emit = (f: GuardrailFinding, change: 'appeared' | 'gone') => {
    const environment = (f.stack && environments.get(f.stack)) ?? f.stack ?? '(all)';
    const facts = { subject: 'guardrail' as const, change, production: isProduction(environment), severity: f.severity };
    const rule = riskOf(facts);
    out.push({
      facts,
      stack: f.stack ?? '(all)',
      environment,
      summary: `guardrail ${f.rule} (${f.severity}) ${change === 'appeared' ? 'now reports' : 'no longer reports'}: ${f.message}`,
      native: f.resource ? [f.resource] : [],
      risk: rule.risk,
      rule: rule.id,
    });
  };
  for (const [k, f] of head) if (!base.has(k)) emit(f, 'appeared');
  for (const [k, f] of base) if (!head.has(k)) emit(f, 'gone');
  return out;
}

/** The cloud of a Terraform resource type, from its provider prefix. */

/** The environment of each stack, from either side's access model. */
const environmentsOf = (input: ReviewInput) => new Map([...input.base.stacks, ...input.head.stacks].map((s) => [s.stack, s.environment]));

/** Protected identities deleted without retirement, and identities Terraform would replace. */
function safetyChanges(input: ReviewInput, isProduction: ProductionTest): ReviewChange[] {
  if (!input.stacks) return [];
  const environments = environmentsOf(input);
  return Object.entries(input.stacks.base).flatMap(([stack, base]) =>
    safetyFindings(base, input.stacks?.head[stack] ?? {}).map((f): ReviewChange => {
      const environment = environments.get(stack) ?? stack;
      const facts = { subject: 'safety' as const, change: 'appeared' as const, production: isProduction(environment), severity: f.severity };
      const rule = riskOf(facts);
      const type = parseAddress(f.address)?.type;
      const cloud = type === undefined ? undefined : cloudOfResourceType(type);
      return { facts, stack, environment, ...(cloud && { cloud }), summary: `in ${environment}: ${f.message}`, native: [f.address], fix: f.fix, risk: rule.risk, rule: rule.id };
    }),
  );
}

/** Audit configs, alerts and shared trust the head removes. */
function watchedRemovals(input: ReviewInput, isProduction: ProductionTest): ReviewChange[] {
  if (!input.stacks) return [];
  const environments = environmentsOf(input);
  return removedWatched(input.stacks.base, input.stacks.head).map((w): ReviewChange => {
    const environment = environments.get(w.stack) ?? w.stack;
    const facts = { subject: w.kind, change: 'removed' as const, production: isProduction(environment) };
    const rule = riskOf(facts);
    return {
      facts,
      stack: w.stack,
      environment,
      cloud: w.cloud,
      summary: `the ${w.what} ${w.address.slice(w.address.indexOf('.') + 1)} is removed in ${environment}`,
      native: [`${CLOUD_LABEL[w.cloud]}: ${w.address} is destroyed`],
      risk: rule.risk,
      rule: rule.id,
    };
  });
}
