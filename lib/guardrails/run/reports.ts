/** Writes the three reports into `<outdir>/guardrails/`, next to `stacks/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigPath } from '../../spec/config-error';
import type { GuardrailResult } from './check';
import type { SourceLocation } from './config-locations';
import { jsonReport } from './report-json';
import { markdownReport } from './report-markdown';
import { sarifReport } from './report-sarif';

/** Report file names inside the report directory. */
export const REPORT_FILES = { json: 'guardrails.json', markdown: 'guardrails.md', sarif: 'guardrails.sarif' } as const;

/** The report directory's name inside the output directory. */
export const REPORT_DIR = 'guardrails';

/** Writes every report; returns the directory. */
export function writeReports(outdir: string, result: GuardrailResult, locate: (path: ConfigPath) => SourceLocation): string {
  const dir = path.join(outdir, REPORT_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, REPORT_FILES.json), `${JSON.stringify(jsonReport(result), null, 2)}\n`);
  writeFileSync(path.join(dir, REPORT_FILES.markdown), markdownReport(result));
  writeFileSync(path.join(dir, REPORT_FILES.sarif), `${JSON.stringify(sarifReport(result, locate), null, 2)}\n`);
  return dir;
}
