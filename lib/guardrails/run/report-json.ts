/** The machine-readable report: rules, identities, findings, suppressed findings and unused suppressions. */
import { formatPath } from '../../spec/config-error';
import type { GuardrailResult } from './check';

/** The JSON report's content (stable key order, no timestamps, so it diffs cleanly). */
export function jsonReport(result: GuardrailResult): object {
  const count = (level: string) => result.findings.filter((f) => f.level === level).length;
  return {
    app: result.app,
    summary: {
      stacks: result.stacks.map((s) => s.name),
      errors: count('error'),
      warnings: count('warning'),
      suppressed: result.suppressed.length,
      unusedSuppressions: result.unusedSuppressions.length,
    },
    rules: result.rules.map(({ id, level, cloud, statement, why, fix }) => ({ id, level, cloud, statement, why, fix })),
    identities: result.identities,
    findings: result.findings,
    suppressed: result.suppressed.map((f) => ({ ...f, suppression: { reason: f.suppression.reason, path: formatPath(f.suppression.path) } })),
    unusedSuppressions: result.unusedSuppressions.map((s) => ({ rule: s.rule, reason: s.reason, path: formatPath(s.path), ...(s.appliesTo && { appliesTo: s.appliesTo }) })),
  };
}
