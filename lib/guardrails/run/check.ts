/**
 * Runs the rule pack over synthesized stacks: every rule on every stack, findings made
 * granular and addressable, suppressions applied, unused suppressions collected.
 */
import { CLOUDS } from '../../access/vocabulary';
import type { Cloud } from '../../access/vocabulary';
import type { ConfigPath } from '../../spec/config-error';
import type { EnvironmentSpec, SuppressionSpec } from '../../spec/types';
import { RULES } from '../rules/pack';
import type { Finding, Rule, RuleContext } from '../rule';
import { StackIndex } from '../stack-index';
import type { NamedStackJson } from '../../terraform/stack-json';
import { SuppressionMatcher } from './suppressions';
import { IDENTITY_RESOURCES } from '../../terraform/identity-resources';

/** One synthesized stack and the environment it deploys. */
export interface StackInput extends NamedStackJson {
  readonly environment: EnvironmentSpec;
}

/** A finding a suppression accepted, with why. */
export interface SuppressedFinding extends Finding {
  readonly suppression: { readonly reason: string; readonly path: ConfigPath };
}

/** One identity found in a stack, for the reports. */
export interface IdentityRef {
  readonly stack: string;
  readonly workload: string;
  readonly cloud: Cloud;
  readonly address: string;
  /** Role name, service account id or managed identity name. */
  readonly name: string;
}

export interface GuardrailResult {
  readonly app: string;
  readonly rules: readonly Rule[];
  readonly stacks: readonly { readonly name: string; readonly environment: EnvironmentSpec }[];
  readonly identities: readonly IdentityRef[];
  /** Findings no suppression covers. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Suppressions that matched nothing: config errors. */
  readonly unusedSuppressions: readonly SuppressionSpec[];
}

/**
 * Checks every stack with `rules` (default: the whole pack). Stacks are read one at a time
 * from `stacks`, so a lazy iterable keeps only one stack's JSON in memory.
 */
export function checkStacks(app: string, stacks: Iterable<StackInput>, rules: readonly Rule[] = RULES): GuardrailResult {
  const matcher = new SuppressionMatcher();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const identities: IdentityRef[] = [];
  const checked: { readonly name: string; readonly environment: EnvironmentSpec }[] = [];
  for (const { name, environment, json } of stacks) {
    checked.push({ name, environment });
    const index = new StackIndex(json, name);
    const ctx: RuleContext = { app, stack: name, env: environment, index };
    for (const rule of rules) {
      for (const raw of rule.check(ctx)) {
        const r = raw.resource;
        const finding: Finding = {
          id: raw.detail ? `${r.address}#${raw.detail}` : r.address,
          rule: rule.id,
          level: rule.level,
          stack: name,
          environment: environment.name,
          ...(r.workload !== undefined && { workload: r.workload }),
          ...(r.cloud && { cloud: r.cloud }),
          address: r.address,
          ...(raw.detail !== undefined && { detail: raw.detail }),
          message: raw.message,
          fix: rule.fix,
        };
        const by = matcher.match(finding, environment);
        if (by) suppressed.push({ ...finding, suppression: { reason: by.reason, path: by.path } });
        else findings.push(finding);
      }
    }
    for (const cloud of CLOUDS) {
      const { type, nameField } = IDENTITY_RESOURCES[cloud];
      for (const r of index.ofType(type)) {
        if (r.workload !== undefined) identities.push({ stack: name, workload: r.workload, cloud, address: r.address, name: String(r.config[nameField]) });
      }
    }
  }
  return {
    app,
    rules,
    stacks: checked,
    identities,
    findings,
    suppressed,
    unusedSuppressions: matcher.unused(checked.map((s) => s.environment)),
  };
}

/** Whether the result must fail synth: an unsuppressed error, or a suppression that matches nothing. */
export function failsSynth(result: GuardrailResult): boolean {
  return result.findings.some((f) => f.level === 'error') || result.unusedSuppressions.length > 0;
}
