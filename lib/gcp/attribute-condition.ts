/**
 * The attribute conditions of workload identity pool providers, within Google's limit of 4,096
 * characters. Each lists exactly the subjects (or AWS roles) one environment admits; where the
 * list outgrows the limit, it admits the sources' next coarser claim that fits, narrowest first
 * (the GitHub repository, then its owner; the Terraform Cloud workspace, then its organization;
 * the Kubernetes namespace; the Entra tenant; the environment's role name prefix).
 *
 * A coarse condition lets more tokens into the pool, never onto a service account: every
 * provider maps `google.subject` to its own id and the token's subject, and each service account
 * binding names one such principal (lib/gcp/workload-identity-pool.ts).
 */
import type { CoarsePin } from '../spec/types';
import { limit } from './api-limits';

/** Longest attribute condition Google accepts. */
export const GCP_CONDITION_LIMIT = limit('conditionCharacters');

/** One subject a provider admits, with its source's coarser pins (narrowest first) where it has them. */
export interface Admission {
  readonly subject: string;
  readonly coarse?: readonly CoarsePin[];
}

/** A CEL string literal. */
export const cel = (s: string) => JSON.stringify(s);
const list = (values: Iterable<string>) => `[${[...new Set(values)].map(cel).join(', ')}]`;

/**
 * `assertion.sub in [...]` while it fits; else `<claim> in [...]` for the narrowest claim that
 * every admission pins and whose list fits; else undefined (the config check reports it).
 * `length` measures a condition (references are longer once resolved).
 */
export function oidcCondition(admitted: readonly Admission[], length: (condition: string) => number = (c) => c.length): string | undefined {
  const exact = `assertion.sub in ${list(admitted.map((a) => a.subject))}`;
  if (length(exact) <= GCP_CONDITION_LIMIT) return exact;
  const levels = Math.min(...admitted.map((a) => a.coarse?.length ?? 0));
  for (let level = 0; level < levels; level++) {
    const pins = admitted.map((a) => (a.coarse as readonly CoarsePin[])[level]);
    const expressions = new Set(pins.map((p) => p.expression));
    if (expressions.size !== 1) continue;
    const coarse = `${pins[0].expression} in ${list(pins.map((p) => p.value))}`;
    if (length(coarse) <= GCP_CONDITION_LIMIT) return coarse;
  }
  return undefined;
}

/** The ARN prefix of every assumed-role session of `accountId`. */
export const assumedRolePrefix = (accountId: string) => `arn:aws:sts::${accountId}:assumed-role/`;

/**
 * `attribute.aws_role in [...]`: exactly these roles. Where the list outgrows the limit (some
 * sixty AWS-hosted workloads with long names in one environment), the roles the environment
 * names instead: all of them start with `<app>-<env>-`, and each binding still names one role.
 * Either way the caller must be an assumed-role session of the account: an IAM user whose path
 * holds `assumed-role/<role>/` would otherwise map to that role's principal.
 */
export function awsRoleCondition(roles: Iterable<string>, environmentPrefix: string, accountId: string): string {
  const session = `assertion.arn.startsWith(${cel(assumedRolePrefix(accountId))})`;
  const exact = `${session} && attribute.aws_role in ${list(roles)}`;
  return exact.length <= GCP_CONDITION_LIMIT ? exact : `${session} && attribute.aws_role.startsWith(${cel(environmentPrefix)})`;
}
