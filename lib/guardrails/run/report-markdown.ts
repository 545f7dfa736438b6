/**
 * The human report: per stack, per workload, its identity on each cloud, the access it was
 * given (vocabulary and extraAccess), its findings and its suppressions with their reasons;
 * then what belongs to no workload.
 */
import { formatPath } from '../../spec/config-error';
import type { WorkloadSpec } from '../../spec/types';
import type { GuardrailResult, SuppressedFinding } from './check';
import type { Finding } from '../rule';

/** Escapes text for a Markdown table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function findingTable(findings: readonly Finding[]): string[] {
  if (!findings.length) return ['No findings.', ''];
  return [
    '| level | rule | cloud | resource | finding | fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...findings.map((f) => `| ${f.level} | ${f.rule} | ${f.cloud ?? ''} | ${code(f.id)} | ${cell(f.message)} | ${cell(f.fix)} |`),
    '',
  ];
}

function suppressionTable(suppressed: readonly SuppressedFinding[]): string[] {
  if (!suppressed.length) return [];
  return [
    '| rule | resource | finding | reason | suppressed at |',
    '| --- | --- | --- | --- | --- |',
    ...suppressed.map((f) => `| ${f.rule} | ${code(f.id)} | ${cell(f.message)} | ${cell(f.suppression.reason)} | ${code(formatPath(f.suppression.path))} |`),
    '',
  ];
}

function accessLines(w: WorkloadSpec): string[] {
  const lines = w.grants.map((g) => `- ${g.resource.name} (${g.resource.kind}): ${g.levels.join(', ')}`);
  for (const s of w.extraAccess.aws) lines.push(`- extraAccess aws: ${code(JSON.stringify(s))}`);
  for (const b of w.extraAccess.gcp) lines.push(`- extraAccess gcp: ${code(b.role)} on ${b.on}${b.name ? ` ${code(b.name)}` : ''}`);
  for (const a of w.extraAccess.azure) lines.push(`- extraAccess azure: ${code(a.role)} at ${code(a.scope)}`);
  return lines.length ? lines : ['- none'];
}

/** Report items (identities, findings) looked up by stack and by workload. */
interface Grouped<T> {
  /** The items of one workload in one stack. */
  of(stack: string, workload: string): readonly T[];
  /** Every item of one stack, in order. */
  inStack(stack: string): readonly T[];
}

/** Items grouped by stack and workload once, so the report is linear in the estate's size. */
function byStackAndWorkload<T extends { readonly stack: string; readonly workload?: string }>(items: readonly T[]): Grouped<T> {
  const byStack = new Map<string, T[]>();
  const byWorkload = new Map<string, T[]>();
  const add = (map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const item of items) {
    add(byStack, item.stack, item);
    if (item.workload !== undefined) add(byWorkload, `${item.stack}\0${item.workload}`, item);
  }
  return { of: (stack, workload) => byWorkload.get(`${stack}\0${workload}`) ?? [], inStack: (stack) => byStack.get(stack) ?? [] };
}

/** The Markdown report. */
export function markdownReport(result: GuardrailResult): string {
  const errors = result.findings.filter((f) => f.level === 'error').length;
  const out = [
    `# Guardrails report: ${result.app}`,
    '',
    `${errors} error(s), ${result.findings.length - errors} warning(s), ${result.suppressed.length} suppressed finding(s), ` +
      `${result.unusedSuppressions.length} unused suppression(s), ${result.rules.length} rules checked.`,
    '',
  ];
  if (result.unusedSuppressions.length) {
    out.push('## Suppressions that match nothing (config errors)', '');
    for (const s of result.unusedSuppressions) out.push(`- ${code(formatPath(s.path))}: ${s.rule}${s.appliesTo ? ` appliesTo ${s.appliesTo.map(code).join(', ')}` : ''}`);
    out.push('');
  }
  const identities = byStackAndWorkload(result.identities);
  const findings = byStackAndWorkload(result.findings);
  const suppressed = byStackAndWorkload(result.suppressed);
  for (const { name, environment } of result.stacks) {
    out.push(`## Stack ${name}`, '');
    for (const w of environment.workloads) {
      out.push(`### ${w.name}`, '', `${cell(w.description)}. Owner: ${w.owner}. Session: ${w.sessionMinutes} min.`, '', '| cloud | identity | resource |', '| --- | --- | --- |');
      for (const id of identities.of(name, w.name)) out.push(`| ${id.cloud} | ${code(id.name)} | ${code(id.address)} |`);
      out.push('', 'Access:', '', ...accessLines(w), '', '#### Findings', '', ...findingTable(findings.of(name, w.name)));
      const mine = suppressed.of(name, w.name);
      if (mine.length) out.push('#### Suppressed', '', ...suppressionTable(mine));
    }
    const known = new Set(environment.workloads.map((w) => w.name));
    const others = <T extends Finding>(grouped: Grouped<T>) => grouped.inStack(name).filter((f) => f.workload === undefined || !known.has(f.workload));
    if (others(findings).length || others(suppressed).length) {
      out.push('### Shared and other resources', '', ...findingTable(others(findings)), ...suppressionTable(others(suppressed)));
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
