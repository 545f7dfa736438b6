/**
 * A role's permission statements spread over the policies IAM lets one role hold: the inline
 * policy first (10,240 characters in all), then customer managed policies of 6,144 characters
 * each, at most 10 per role (IAM quotas, see `policy-size.ts`).
 *
 * Statements stay as generated (one per resource and ARN, ids naming the resource), in order,
 * so the review reads every policy the same way and a grant reaches exactly what it did
 * unsplit (iam-simulate proves it: test/aws/role-policies.test.ts). Next-fit in statement order:
 * adding a grant moves at most the statements after it.
 */
import { policyDocument } from './policy-document';
import type { PolicyStatement } from './policy-document';
import { ROLE_POLICY_QUOTAS, jsonSize, policySize } from './policy-size';

export interface RolePolicies {
  /** Statements of the inline policy `access`. */
  readonly inline: readonly PolicyStatement[];
  /** Statements of each customer managed policy, in attachment order. */
  readonly managed: readonly (readonly PolicyStatement[])[];
}

/** Why the statements cannot be placed within the quotas. */
export interface RolePolicyOverflow {
  readonly overflow: string;
}

/** Places the statements, or says why they do not fit in what one role may hold. */
export function packRolePolicies(statements: readonly PolicyStatement[]): RolePolicies | RolePolicyOverflow {
  // A document of k statements: the empty document, the statements, and k - 1 commas.
  const empty = policySize(policyDocument([]));
  const bins: { statements: PolicyStatement[]; size: number }[] = [{ statements: [], size: empty }];
  const limitOf = (bin: number) => (bin === 0 ? ROLE_POLICY_QUOTAS.inlineChars : ROLE_POLICY_QUOTAS.managedChars);
  let total = empty - 1;
  for (const [i, statement] of statements.entries()) {
    const size = jsonSize(statement);
    total += size + 1;
    let bin = bins.length - 1;
    const grown = () => bins[bin].size + size + (bins[bin].statements.length ? 1 : 0);
    while (grown() > limitOf(bin)) {
      if (bins[bin].statements.length === 0 && bin > 0) {
        return { overflow: `statement ${statement.Sid ?? `#${i + 1}`} alone is ${empty + size} characters, over the ${ROLE_POLICY_QUOTAS.managedChars} of a managed policy` };
      }
      bins.push({ statements: [], size: empty });
      bin++;
    }
    bins[bin].size = grown();
    bins[bin].statements.push(statement);
  }
  const managed = bins.slice(1).map((b) => b.statements);
  if (managed.length > ROLE_POLICY_QUOTAS.managedPerRole) {
    return {
      overflow:
        `its ${statements.length} statements (${Math.max(total, empty)} characters) need the inline policy and ${managed.length} managed policies; ` +
        `IAM allows ${ROLE_POLICY_QUOTAS.inlineChars} characters inline and ${ROLE_POLICY_QUOTAS.managedPerRole} managed policies of ` +
        `${ROLE_POLICY_QUOTAS.managedChars} per role: split the workload, or grant whole prefixes through extraAccess`,
    };
  }
  return { inline: bins[0].statements, managed };
}
