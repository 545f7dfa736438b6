/** The README's rule table, generated from the pack so the two cannot drift (a test compares them). */
import type { Rule } from './rule';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** A Markdown table: ID, level, what, why, how to fix. */
export function ruleTable(rules: readonly Rule[]): string {
  return [
    '| ID | level | what (compliance) | why | how to fix |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| ${r.id} | ${r.level} | ${cell(r.statement)} | ${cell(r.why)} | ${cell(r.fix)} |`),
  ].join('\n');
}
