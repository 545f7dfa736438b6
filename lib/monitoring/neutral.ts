/**
 * The cloud-neutral monitoring intent and its translation to each cloud: the defaults, the
 * windows and retentions every cloud accepts, and one function that turns "N denied calls in
 * W minutes" into each cloud's period, evaluation and comparison. Cloud constructs read only this.
 */

/** How many denied calls in how long raise an alert. */
export interface AlertThreshold {
  /** Denied calls that raise the alert (at least this many). */
  readonly threshold: number;
  /** The window they are counted in, in minutes: one of `WINDOW_MINUTES`. */
  readonly windowMinutes: number;
}

/** Default: one denied call in five minutes. */
export const DEFAULT_DENIED_CALLS: AlertThreshold = { threshold: 1, windowMinutes: 5 };

/**
 * Windows every cloud can evaluate: Azure scheduled query rules take only these durations;
 * CloudWatch periods (multiples of 60 s, at most a day) and GCP alignment periods take them all.
 */
export const WINDOW_MINUTES = [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440] as const;

/** Log retentions every cloud accepts (CloudWatch's fixed list ∩ Log Analytics 30-730 days). */
export const RETENTION_DAYS = [30, 60, 90, 120, 150, 180, 365, 400, 545] as const;

/** Default log retention, in days. */
export const DEFAULT_RETENTION_DAYS = 90;

/** The least length of the reason an opt-out must give. */
export const OPT_OUT_REASON_MIN_LENGTH = 10;

/** A threshold, as each cloud's alert evaluates it. */
export interface CloudSchedules {
  readonly aws: { readonly period: number; readonly evaluationPeriods: 1; readonly threshold: number; readonly comparisonOperator: 'GreaterThanOrEqualToThreshold' };
  /** GCP conditions compare with GT only: "at least N" is "more than N - 1" on integer counts. */
  readonly gcp: { readonly alignmentPeriod: string; readonly thresholdValue: number; readonly comparison: 'COMPARISON_GT' };
  readonly azure: { readonly windowDuration: string; readonly evaluationFrequency: 'PT5M'; readonly threshold: number; readonly operator: 'GreaterThanOrEqual' };
}

/** ISO 8601 duration of whole minutes, as Azure writes it: PT5M, PT1H, P1D. */
function isoMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/**
 * The same threshold on every cloud. Azure evaluates every 5 minutes: a 1-minute window is refused
 * for Azure alerts at load (lib/azure/monitoring-limits.ts), and a frequency may not exceed the window.
 */
export function alertSchedules(t: AlertThreshold): CloudSchedules {
  return {
    aws: { period: t.windowMinutes * 60, evaluationPeriods: 1, threshold: t.threshold, comparisonOperator: 'GreaterThanOrEqualToThreshold' },
    gcp: { alignmentPeriod: `${t.windowMinutes * 60}s`, thresholdValue: t.threshold - 1, comparison: 'COMPARISON_GT' },
    azure: {
      windowDuration: isoMinutes(t.windowMinutes),
      evaluationFrequency: 'PT5M',
      threshold: t.threshold,
      operator: 'GreaterThanOrEqual',
    },
  };
}

/** What an alert watches: its event and what one means. */
export interface AlertEvent {
  readonly event: string;
  readonly meaning: string;
}

/** The denied-call alert every identity gets, on every cloud. */
export const DENIED_CALL: AlertEvent = {
  event: 'denied call',
  meaning: 'The workload asked for something it is not granted: a bug, a missing grant, or misuse of its credentials.',
};

/** The federation alert: a token exchange or web identity assume that failed. */
export const FAILED_FEDERATION: AlertEvent = {
  event: 'failed token exchange',
  meaning: 'A token was refused: a misconfigured pipeline or cluster, an expired token, or someone trying to use the identity.',
};

/** What every alert says, whichever cloud raised it. */
export function alertText(app: string, env: string, workload: string, identity: string, t: AlertThreshold, e: AlertEvent = DENIED_CALL): string {
  return `${app}/${env}/${workload}: at least ${t.threshold} ${e.event}${t.threshold === 1 ? '' : 's'} in ${t.windowMinutes} min for ${identity}. ${e.meaning}`;
}

/** Terraform address slugs of a list of values (e-mails, URLs), unique within the list. */
export function addressSlugs(values: readonly string[]): string[] {
  const slug = (v: string) => v.toLowerCase().replace(/^https:\/\//, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const slugs = values.map(slug);
  return slugs.map((s, i) => (slugs.indexOf(s) === slugs.lastIndexOf(s) ? s : `${s}_${i}`));
}
