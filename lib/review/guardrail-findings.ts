/**
 * The guardrail findings of a synthesis, read from the JSON report the guardrails write at
 * synth (`<dir>/guardrails/guardrails.json`, see lib/guardrails/run/report-json.ts): unsuppressed
 * findings with their level, and suppressed ones (a new suppression deserves a reviewer's eye).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GuardrailFinding {
  readonly rule: string;
  /** `error`, `warning`, or `suppressed`. */
  readonly severity: string;
  readonly stack?: string;
  readonly resource?: string;
  readonly message: string;
}

interface ReportedFinding {
  readonly rule: string;
  readonly level: string;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
  readonly suppression?: { readonly reason: string };
}

/** Where the guardrails write their JSON report under an output directory. */
export function guardrailReportFile(dir: string): string {
  return path.join(dir, 'guardrails', 'guardrails.json');
}

/** The findings reported under `dir`; undefined when there is no report (no guardrails ran). */
export function readGuardrailFindings(dir: string): GuardrailFinding[] | undefined {
  const file = guardrailReportFile(dir);
  if (!fs.existsSync(file)) return undefined;
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { findings?: ReportedFinding[]; suppressed?: ReportedFinding[] };
  const of = (f: ReportedFinding, severity: string, message: string): GuardrailFinding => ({ rule: f.rule, severity, stack: f.stack, resource: f.address, message });
  return [
    ...(report.findings ?? []).map((f) => of(f, f.level, f.message)),
    ...(report.suppressed ?? []).map((f) => of(f, 'suppressed', `${f.message} (suppressed: ${f.suppression?.reason ?? 'no reason'})`)),
  ];
}

/** A finding's identity across two syntheses. */
export function findingKey(f: GuardrailFinding): string {
  return [f.rule, f.stack ?? '', f.resource ?? '', f.message].join(' ');
}
