/**
 * SARIF 2.1.0, for code scanning: one run, the rule pack as the driver's rules, one result
 * per finding (suppressed ones carry an external suppression with the reason), located at the
 * workload (or environment, or suppression) in the config file, with the stack and Terraform
 * address as logical location.
 */
import type { ConfigPath } from '../../spec/config-error';
import type { GuardrailResult, SuppressedFinding } from './check';
import type { SourceLocation } from './config-locations';
import type { Finding } from '../rule';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'workload-identity-guardrails';

/** Where a finding is reported in the config: its suppression, its workload, or its environment. */
function configPath(f: Finding | SuppressedFinding): ConfigPath {
  if ('suppression' in f) return f.suppression.path;
  return f.workload !== undefined ? ['workloads', f.workload] : ['environments', f.environment];
}

/** The SARIF log; `locate` maps config paths to the file and line the result points at. */
export function sarifReport(result: GuardrailResult, locate: (path: ConfigPath) => SourceLocation): object {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const toResult = (f: Finding | SuppressedFinding) => {
    const at = locate(configPath(f));
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) as number,
      level: f.level,
      message: { text: `${f.stack} ${f.address}${f.workload ? ` (workload ${f.workload}${f.cloud ? `, ${f.cloud}` : ''})` : ''}: ${f.message}. Fix: ${f.fix}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: at.uri }, ...(at.line && { region: { startLine: at.line } }) },
          logicalLocations: [{ fullyQualifiedName: `${f.stack}/${f.address}`, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'workloadIdentityFinding/v1': `${f.stack}/${f.id}/${f.rule}` },
      ...('suppression' in f && { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppression.reason }] }),
      properties: { stack: f.stack, environment: f.environment, address: f.address, ...(f.workload && { workload: f.workload }), ...(f.cloud && { cloud: f.cloud }) },
    };
  };
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            rules: result.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/-/g, ''),
              shortDescription: { text: r.statement },
              fullDescription: { text: r.why },
              help: { text: `Fix: ${r.fix}`, markdown: `**${r.statement}**\n\n${r.why}\n\n**Fix:** ${r.fix}` },
              defaultConfiguration: { level: r.level },
              properties: { tags: ['security', 'iam', r.cloud] },
            })),
          },
        },
        results: [...result.findings.map(toResult), ...result.suppressed.map(toResult)],
      },
    ],
  };
}
