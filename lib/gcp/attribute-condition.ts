/**
 * The attribute conditions of workload identity pool providers, within Google's limit of 4,096
 * characters. Each lists exactly the subjects (or AWS roles) one environment admits; the
 * service account bindings name the exact principal in any case.
 */

/** Longest attribute condition Google accepts. */
export const GCP_CONDITION_LIMIT = 4096;

/** A CEL string literal. */
const cel = (s: string) => JSON.stringify(s);

/** `assertion.sub in [...]`: exactly these subjects. */
export function subjectCondition(subjects: Iterable<string>): string {
  return `assertion.sub in [${[...subjects].map(cel).join(', ')}]`;
}

/**
 * `attribute.aws_role in [...]`: exactly these roles. Where the list outgrows the limit (some
 * hundred AWS-hosted workloads in one environment), the roles the environment names instead:
 * all of them start with `<app>-<env>-`, and each binding still names one role.
 */
export function awsRoleCondition(roles: Iterable<string>, environmentPrefix: string): string {
  const exact = `attribute.aws_role in [${[...roles].map(cel).join(', ')}]`;
  return exact.length <= GCP_CONDITION_LIMIT ? exact : `attribute.aws_role.startsWith(${cel(environmentPrefix)})`;
}
