/** What synth prints: every finding (rule, stack, workload, cloud, address, fix), then a summary line. */
import { formatPath } from '../../spec/config-error';
import type { GuardrailResult } from './check';
import { failsSynth } from './check';

/** The lines printed after synth. */
export function consoleReport(result: GuardrailResult, reportDir: string): string {
  const lines = result.findings.map(
    (f) =>
      `${f.level.toUpperCase()} ${f.rule} ${f.stack} workload=${f.workload ?? '-'} cloud=${f.cloud ?? '-'} ${f.id}\n` +
      `  ${f.message}\n  fix: ${f.fix}`,
  );
  for (const s of result.unusedSuppressions) {
    lines.push(`ERROR ${formatPath(s.path)}: suppression of ${s.rule} matches no finding; remove it or correct its rule/appliesTo`);
  }
  const errors = result.findings.filter((f) => f.level === 'error').length;
  lines.push(
    `guardrails: ${errors} error(s), ${result.findings.length - errors} warning(s), ${result.suppressed.length} suppressed, ` +
      `${result.unusedSuppressions.length} unused suppression(s); reports in ${reportDir}` +
      (failsSynth(result) ? '; synth FAILED: no stack was kept' : ''),
  );
  return `${lines.join('\n')}\n`;
}
