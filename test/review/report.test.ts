import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readGuardrailFindings } from '../../lib/review/guardrail-findings';
import { cell, reviewMarkdown } from '../../lib/review/markdown';
import { mermaidDiagram, mermaidText } from '../../lib/review/mermaid';
import { buildReview } from '../../lib/review/review';
import type { ReviewChange } from '../../lib/review/review-change';
import { riskRulesMarkdown } from '../../lib/review/risk-rules';

const EMPTY = { stacks: [] };

describe('guardrail reports', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wi-guardrails-'));

  it('tolerates their absence', () => {
    expect(readGuardrailFindings(dir())).toBeUndefined();
  });

  it('reads the findings and the suppressed findings of the JSON report the guardrails write', () => {
    const a = dir();
    fs.mkdirSync(path.join(a, 'guardrails'));
    const finding = { rule: 'WI-AWS-001', level: 'error', stack: 'shop-prod', address: 'aws_iam_role_policy.ci', message: 'wildcard action s3:*' };
    const suppressed = { ...finding, rule: 'WI-FED-001', address: 'aws_iam_role.ci', message: 'wildcard subject', suppression: { reason: 'every branch deploys previews', path: 'workloads.ci.suppress[0]' } };
    fs.writeFileSync(path.join(a, 'guardrails', 'guardrails.json'), JSON.stringify({ app: 'shop', findings: [finding], suppressed: [suppressed], rules: [] }));
    expect(readGuardrailFindings(a)).toEqual([
      { rule: 'WI-AWS-001', severity: 'error', stack: 'shop-prod', resource: 'aws_iam_role_policy.ci', message: 'wildcard action s3:*' },
      { rule: 'WI-FED-001', severity: 'suppressed', stack: 'shop-prod', resource: 'aws_iam_role.ci', message: 'wildcard subject (suppressed: every branch deploys previews)' },
    ]);
  });

  it('reports findings that appeared (an error: high) and went away (low)', () => {
    const error = { rule: 'wildcard-subject', severity: 'error', stack: 's', message: 'subject has a wildcard' };
    const warning = { rule: 'session-too-long', severity: 'warning', stack: 's', message: 'long' };
    const r = buildReview({ base: EMPTY, head: EMPTY, findings: { base: [warning], head: [error] } });
    expect(r.changes.map((c) => `${c.risk} ${c.facts.change} ${c.rule}`)).toEqual(['high appeared guardrail-error', 'low gone narrowing-or-new']);
  });
});

describe('Markdown and Mermaid', () => {
  const change = (over: Partial<ReviewChange>): ReviewChange => ({
    facts: { subject: 'grant', change: 'added', production: true, level: 'write' },
    stack: 'a-prod',
    environment: 'prod',
    workload: 'w"x',
    cloud: 'aws',
    identity: 'role<1>',
    resource: 'r]#1',
    summary: 'w gains write on r | s',
    native: ['AWS: s3:PutObject on arn:aws:s3:::b/*'],
    risk: 'high',
    rule: 'production-write',
    ...over,
  });

  it('escapes every label for Mermaid', () => {
    expect(mermaidText('a "b" [c] <d> #e {f} |g| `h` & i')).toBe('a #quot;b#quot; #91;c#93; #lt;d#gt; #35;e #123;f#125; #124;g#124; #96;h#96; #amp; i');
    const diagram = mermaidDiagram([change({})]) as string;
    for (const line of diagram.split('\n').slice(1)) {
      // Every quoted label is free of the characters that would end it.
      for (const label of line.match(/"[^"]*"/g) ?? []) expect(label.slice(1, -1)).not.toMatch(/[[\]<>{}|`]/);
    }
    expect(diagram).toContain('#quot;');
    expect(diagram).toMatch(/-->\|"\+ write"\|/);
  });

  it('escapes table cells and keeps the hidden marker first', () => {
    expect(cell('a | b <c>')).toBe('a \\| b &lt;c&gt;');
    const md = reviewMarkdown(buildReview({ base: EMPTY, head: EMPTY }));
    expect(md.startsWith('<!-- workload-identity-review -->')).toBe(true);
  });

  it('documents the risk rules in the README exactly as the code applies them', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(riskRulesMarkdown());
  });
});
