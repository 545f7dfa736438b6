/** One change a review reports: what changed, where, in neutral and native terms, and its risk. */
import type { Cloud } from '../access/vocabulary';

export type Risk = 'high' | 'medium' | 'low';

/** What the change is about. */
export type ChangeSubject = 'identity' | 'trust' | 'grant' | 'plan' | 'guardrail' | 'safety' | 'audit' | 'alert' | 'shared-trust';

/**
 * How it changed. Model diffs: added, removed, changed, renamed (a grant whose config resource
 * was renamed, native terms unchanged). Plans: create, update, replace, delete. Guardrail
 * findings: appeared, gone. State safety checks (lib/safety/review-checks.ts): appeared. Audit
 * configs, alerts and shared trust (monitoring-and-shared-trust.ts): removed.
 */
export type ChangeType = 'added' | 'removed' | 'changed' | 'renamed' | 'create' | 'update' | 'replace' | 'delete' | 'appeared' | 'gone';

/** The facts the risk rules look at (see `risk-rules.ts`). */
export interface RiskFacts {
  readonly subject: ChangeSubject;
  readonly change: ChangeType;
  /** The environment is production (by name, or named on the command line). */
  readonly production: boolean;
  /** Grants: the level; undefined for a permission outside the vocabulary. */
  readonly level?: string;
  /** Trusts: the kind of the trust (service, attached, oidc, aws-role, other). */
  readonly trustKind?: string;
  /** Changed identities and trusts: which attributes changed. */
  readonly attributes?: readonly string[];
  /** Identities: the permissions boundary is gone. */
  readonly boundaryRemoved?: boolean;
  /** Guardrail findings and state safety checks: their severity. */
  readonly severity?: string;
}

export interface ReviewChange {
  readonly facts: RiskFacts;
  readonly stack: string;
  readonly environment: string;
  readonly workload?: string;
  readonly cloud?: Cloud;
  /** The identity's cloud name, for the diagram. */
  readonly identity?: string;
  /** Grants: the config resource. */
  readonly resource?: string;
  /** Trusts: who may assume the identity, in words. */
  readonly source?: string;
  /** One sentence in the config's words. */
  readonly summary: string;
  /** The same change in the cloud's words, one line per item. */
  readonly native: readonly string[];
  /** What to do about it, where the review knows. */
  readonly fix?: string;
  readonly risk: Risk;
  /** The id of the risk rule that decided `risk`. */
  readonly rule: string;
}
