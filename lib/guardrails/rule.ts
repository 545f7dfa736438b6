/**
 * The shape of a guardrail rule (cdk-nag style): a stable id, a level, what compliance means,
 * why and how to fix it, and a pure check over one synthesized stack that returns granular
 * findings.
 */
import type { Cloud } from '../access/vocabulary';
import type { EnvironmentSpec } from '../spec/types';
import type { StackIndex, TfResource } from './stack-index';

/** error: fails synth unless suppressed; warning: printed and reported. */
export type RuleLevel = 'error' | 'warning';

/** What a rule is checked against: one stack, its environment, and the app. */
export interface RuleContext {
  readonly app: string;
  readonly stack: string;
  readonly env: EnvironmentSpec;
  readonly index: StackIndex;
}

/** One non-compliance as a rule reports it, before the pack adds the rule's metadata. */
export interface RawFinding {
  readonly resource: TfResource;
  readonly message: string;
  /**
   * What exactly is flagged inside the resource (e.g. `Action::s3:*`, `Resource::*`,
   * `member::allUsers`); part of the finding id, and targetable by `appliesTo` on its own.
   * @default the whole resource
   */
  readonly detail?: string;
}

export interface Rule {
  /** Stable id, e.g. `WI-AWS-001`: suppressions and reports refer to it. */
  readonly id: string;
  readonly level: RuleLevel;
  /** The clouds it checks; `all` for cross-cloud rules. */
  readonly cloud: Cloud | 'all';
  /** One line: what compliance means. */
  readonly statement: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix a finding. */
  readonly fix: string;
  readonly check: (ctx: RuleContext) => RawFinding[];
}

/** A finding with everything a reader needs: rule, where, whose, and the fix. */
export interface Finding {
  /** `<address>` or `<address>#<detail>`: unique in its stack, what `appliesTo` targets. */
  readonly id: string;
  readonly rule: string;
  readonly level: RuleLevel;
  readonly stack: string;
  readonly environment: string;
  /** The workload whose identity the resource belongs to; absent for shared or hand-added resources. */
  readonly workload?: string;
  readonly cloud?: Cloud;
  /** Terraform resource address, `type.name`. */
  readonly address: string;
  readonly detail?: string;
  readonly message: string;
  readonly fix: string;
}
