/**
 * Adapter to the guardrail reports (`<dir>/guardrails.json` or `<dir>/guardrails/*.json`),
 * written by the guardrail pack at synth. Their shape belongs to the guardrails; this file is
 * the one place that reads it, tolerantly: an array of findings, `{ findings: [...] }`, or
 * findings by stack (`{ stacks: { name: [...] } }` or `{ name: { findings } }`), each finding
 * with a rule id, a severity, a message, and optionally a stack and a resource path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GuardrailFinding {
  readonly rule: string;
  readonly severity: string;
  readonly stack?: string;
  readonly resource?: string;
  readonly message: string;
}

type Json = Record<string, unknown>;
const text = (f: Json, ...keys: string[]) => keys.map((k) => f[k]).find((v): v is string => typeof v === 'string');

/** The findings reported under `dir`; undefined when there is no report (no guardrails ran). */
export function readGuardrailFindings(dir: string): GuardrailFinding[] | undefined {
  const folder = path.join(dir, 'guardrails');
  const files = [
    path.join(dir, 'guardrails.json'),
    ...(fs.existsSync(folder) && fs.statSync(folder).isDirectory() ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(folder, f)) : []),
  ].filter((f) => fs.existsSync(f));
  if (!files.length) return undefined;
  return files.flatMap((f) => collect(JSON.parse(fs.readFileSync(f, 'utf8')), path.basename(f, '.json')));
}

function collect(value: unknown, stack: string | undefined): GuardrailFinding[] {
  if (Array.isArray(value)) return value.flatMap((v) => (isFinding(v) ? [finding(v as Json, stack)] : collect(v, stack)));
  if (!value || typeof value !== 'object') return [];
  const o = value as Json;
  if (isFinding(o)) return [finding(o, stack)];
  return Object.entries(o).flatMap(([k, v]) => collect(v, ['findings', 'stacks', 'results', 'guardrails'].includes(k) ? stack : k));
}

function isFinding(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !!text(v as Json, 'rule', 'ruleId', 'id') && !!text(v as Json, 'message', 'description', 'title');
}

function finding(f: Json, stack: string | undefined): GuardrailFinding {
  const s = text(f, 'stack', 'stackName') ?? (stack && stack !== 'guardrails' ? stack : undefined);
  const resource = text(f, 'resource', 'address', 'path', 'construct');
  return {
    rule: text(f, 'rule', 'ruleId', 'id') as string,
    severity: text(f, 'severity', 'level') ?? 'unknown',
    ...(s && { stack: s }),
    ...(resource && { resource }),
    message: text(f, 'message', 'description', 'title') as string,
  };
}

/** A finding's identity across two syntheses. */
export function findingKey(f: GuardrailFinding): string {
  return [f.rule, f.stack ?? '', f.resource ?? '', f.message].join(' ');
}
