/**
 * The review as Markdown for a pull-request comment: one line when nothing changed; otherwise
 * a table of changes (the same change on several clouds on one row, native terms per cloud),
 * the Mermaid diagram of the changed part, and whether guardrail reports were compared.
 */
import { CLOUD_LABEL } from './diff';
import { mermaidDiagram } from './mermaid';
import type { Review } from './review';
import type { Risk, ReviewChange } from './review-change';

/** Hidden marker that finds the review comment again, to update it in place. */
export const REVIEW_MARKER = '<!-- workload-identity-review -->';

const BADGE: Readonly<Record<Risk, string>> = { high: '🔴 high', medium: '🟠 medium', low: '🟢 low' };

/** Text for a table cell: pipes escaped, markup neutralized, lines joined with <br>. */
export function cell(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** An inline code span that survives backticks in the value (inside a table cell). */
function code(value: string): string {
  const ticks = '`'.repeat(Math.max(0, ...(value.match(/`+/g) ?? []).map((t) => t.length)) + 1);
  return `${ticks}${value.replace(/\|/g, '\\|')}${ticks}`;
}

interface Row {
  risk: Risk;
  readonly summary: string;
  readonly fixes: string[];
  readonly clouds: string[];
  readonly native: string[];
  readonly rules: string[];
}

/** Changes with the same summary in the same stack, on different clouds, as one row. */
function rows(changes: readonly ReviewChange[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const c of changes) {
    const key = `${c.stack} ${c.facts.subject} ${c.summary}`;
    const row = byKey.get(key) ?? { risk: c.risk, summary: c.summary, fixes: [], clouds: [], native: [], rules: [] };
    if (RISKS.indexOf(c.risk) < RISKS.indexOf(row.risk)) row.risk = c.risk;
    if (c.fix && !row.fixes.includes(c.fix)) row.fixes.push(c.fix);
    if (c.cloud && !row.clouds.includes(CLOUD_LABEL[c.cloud])) row.clouds.push(CLOUD_LABEL[c.cloud]);
    row.native.push(...c.native);
    if (!row.rules.includes(c.rule)) row.rules.push(c.rule);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

const RISKS: readonly Risk[] = ['high', 'medium', 'low'];

/** The review's rows (one per change, the same change on several clouds merged), most risky first. */
export function reviewRows(review: Review): readonly Readonly<Row>[] {
  return rows(review.changes).sort((a, b) => RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk));
}

/** The review comment. Its header counts the rows of its table. */
export function reviewMarkdown(review: Review): string {
  const notes = review.notes.map((n) => `_${cell(n)}_`);
  if (!review.changes.length) {
    const line = `${REVIEW_MARKER}**Identity review:** no identity, trust or grant changes${review.guardrailReports.head ? ' and no guardrail findings appeared or went away' : ''}.`;
    return `${[line, ...notes.map((n) => `\n${n}`)].join('\n')}\n`;
  }
  const table = reviewRows(review);
  const count = (risk: Risk) => table.filter((r) => r.risk === risk).length;
  const out = [
    REVIEW_MARKER,
    `## Identity review: ${table.length} change${table.length === 1 ? '' : 's'} (${count('high')} high, ${count('medium')} medium, ${count('low')} low)`,
    ...notes.flatMap((n) => ['', n]),
    '',
    '| risk | change | clouds | native terms |',
    '| --- | --- | --- | --- |',
    ...table.map(
      (r) =>
        `| ${BADGE[r.risk]} | ${cell(r.summary)}${r.fixes.map((f) => `<br>**Fix:** ${cell(f)}`).join('')} <sub>${r.rules.map(code).join(' ')}</sub> | ${r.clouds.join(', ')} | ${r.native.map(code).join('<br>')} |`,
    ),
  ];
  const diagram = mermaidDiagram(review.changes);
  if (diagram) out.push('', '<details open><summary>What changed, as a graph</summary>', '', '```mermaid', diagram, '```', '', '</details>');
  const g = review.guardrailReports;
  if (!g.head) out.push('', '_No guardrail report in the head synthesis (`guardrails.json`): findings were not compared._');
  else if (!g.base) out.push('', '_No guardrail report in the base synthesis: every head finding counts as new._');
  out.push('', '_Risk rules: see the README, section "Deploying and reviewing"._');
  return `${out.join('\n')}\n`;
}
