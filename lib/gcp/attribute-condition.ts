/**
 * The attribute conditions of workload identity pool providers, within Google's limit of 4,096
 * characters. Each lists exactly the subjects (or AWS roles) one environment admits; where the
 * list outgrows the limit, it admits the sources' owners instead (the GitHub owner, the
 * Terraform Cloud organization, the Kubernetes namespace, the Entra tenant, the environment's
 * role name prefix). The service account bindings name the exact principal in every case.
 */
import type { CoarsePin } from '../spec/types';

/** Longest attribute condition Google accepts. */
export const GCP_CONDITION_LIMIT = 4096;

/** One subject a provider admits, with its source's coarser pin where it has one. */
export interface Admission {
  readonly subject: string;
  readonly coarse?: CoarsePin;
}

/** A CEL string literal. */
const cel = (s: string) => JSON.stringify(s);
const list = (values: Iterable<string>) => `[${[...new Set(values)].map(cel).join(', ')}]`;

/**
 * `assertion.sub in [...]` while it fits; else `<owner claim> in [...]` when every admission
 * has a coarse pin of one claim; else undefined (the config check reports it). `length`
 * measures a condition (references are longer once resolved).
 */
export function oidcCondition(admitted: readonly Admission[], length: (condition: string) => number = (c) => c.length): string | undefined {
  const exact = `assertion.sub in ${list(admitted.map((a) => a.subject))}`;
  if (length(exact) <= GCP_CONDITION_LIMIT) return exact;
  const expressions = new Set(admitted.map((a) => a.coarse?.expression));
  const [expression] = expressions;
  if (expressions.size !== 1 || !expression) return undefined;
  const coarse = `${expression} in ${list(admitted.map((a) => (a.coarse as CoarsePin).value))}`;
  return length(coarse) <= GCP_CONDITION_LIMIT ? coarse : undefined;
}

/**
 * `attribute.aws_role in [...]`: exactly these roles. Where the list outgrows the limit (some
 * hundred AWS-hosted workloads in one environment), the roles the environment names instead:
 * all of them start with `<app>-<env>-`, and each binding still names one role.
 */
export function awsRoleCondition(roles: Iterable<string>, environmentPrefix: string): string {
  const exact = `attribute.aws_role in ${list(roles)}`;
  return exact.length <= GCP_CONDITION_LIMIT ? exact : `attribute.aws_role.startsWith(${cel(environmentPrefix)})`;
}
