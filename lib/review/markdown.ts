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
  readonly risk: Risk;
  readonly summary: string;
  readonly clouds: string[];
  readonly native: string[];
  readonly rules: string[];
}

/** Changes with the same summary in the same stack, on different clouds, as one row. */
function rows(changes: readonly ReviewChange[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const c of changes) {
    const key = `${c.stack} ${c.facts.subject} ${c.summary}`;
    const row = byKey.get(key) ?? { risk: c.risk, summary: c.summary, clouds: [], native: [], rules: [] };
    if (c.cloud && !row.clouds.includes(CLOUD_LABEL[c.cloud])) row.clouds.push(CLOUD_LABEL[c.cloud]);
    row.native.push(...c.native);
    if (!row.rules.includes(c.rule)) row.rules.push(c.rule);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** The review comment. */
export function reviewMarkdown(review: Review): string {
  if (!review.changes.length) {
    return `${REVIEW_MARKER}**Identity review:** no identity, trust or grant changes${review.guardrailReports.head ? ' and no guardrail findings appeared or went away' : ''}.\n`;
  }
  const t = review.totals;
  const out = [
    REVIEW_MARKER,
    `## Identity review: ${review.changes.length} change${review.changes.length === 1 ? '' : 's'} (${t.high} high, ${t.medium} medium, ${t.low} low)`,
    '',
    '| risk | change | clouds | native terms |',
    '| --- | --- | --- | --- |',
    ...rows(review.changes).map(
      (r) => `| ${BADGE[r.risk]} | ${cell(r.summary)} <sub>${r.rules.map(code).join(' ')}</sub> | ${r.clouds.join(', ')} | ${r.native.map(code).join('<br>')} |`,
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
