/**
 * A Mermaid flowchart of the changed part of the access graph: workload → identity (per cloud)
 * → resource, and trust source → identity, one subgraph per environment. Added edges are green,
 * removed ones dotted red, changed ones amber; every label is escaped with Mermaid entity codes.
 */
import { stableHash } from '../spec/names';
import type { ReviewChange } from './review-change';

/** Text safe inside a quoted Mermaid label: quotes, brackets, markup and `#` as entity codes. */
export function mermaidText(value: string): string {
  const codes: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;', '|': '#124;', '[': '#91;', ']': '#93;', '{': '#123;', '}': '#125;' };
  return value.replace(/[#"<>&`|[\]{}]/g, (c) => codes[c]).replace(/[\r\n]+/g, ' ');
}

type EdgeStyle = 'added' | 'removed' | 'changed';

/** Added and created: solid green; removed, destroyed, replaced: dotted red; the rest: amber. */
function styleOf(c: ReviewChange): EdgeStyle {
  if (['added', 'create', 'appeared'].includes(c.facts.change)) return 'added';
  if (['removed', 'delete', 'replace', 'gone'].includes(c.facts.change)) return 'removed';
  return 'changed';
}

const id = (prefix: string, ...parts: string[]) => `${prefix}${stableHash(parts, 10)}`;
const CLOUD = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' } as const;

/** The diagram, or undefined when no change touches an identity. */
export function mermaidDiagram(changes: readonly ReviewChange[]): string | undefined {
  const byStack = new Map<string, ReviewChange[]>();
  for (const c of changes) {
    if (!c.workload || !c.cloud || c.facts.subject === 'guardrail') continue;
    byStack.set(c.stack, [...(byStack.get(c.stack) ?? []), c]);
  }
  if (!byStack.size) return undefined;
  const lines = ['flowchart LR'];
  const edges: string[] = [];
  const styles: Record<EdgeStyle, number[]> = { added: [], removed: [], changed: [] };
  for (const [stack, list] of byStack) {
    lines.push(`  subgraph ${id('s', stack)}["${mermaidText(`${list[0].environment} (${stack})`)}"]`);
    const nodes = new Map<string, string>();
    const node = (key: string, label: string, shape: 'round' | 'box' | 'cyl') => {
      if (!nodes.has(key)) {
        const q = `"${mermaidText(label)}"`;
        nodes.set(key, `    ${key}${shape === 'round' ? `(${q})` : shape === 'cyl' ? `[(${q})]` : `[${q}]`}`);
      }
      return key;
    };
    const linked = new Set<string>();
    const edge = (from: string, to: string, label: string, style: EdgeStyle) => {
      styles[style].push(edges.length);
      linked.add(`${from} ${to}`);
      edges.push(`  ${from} ${style === 'removed' ? '-.->' : '-->'}|"${mermaidText(label)}"| ${to}`);
    };
    for (const c of list) {
      const w = node(id('w', stack, c.workload as string), c.workload as string, 'round');
      const i = node(id('i', stack, c.workload as string, c.cloud as string), `${CLOUD[c.cloud as keyof typeof CLOUD]} ${c.identity ?? ''}`, 'box');
      const style = styleOf(c);
      const sign = { added: '+', removed: '−', changed: '~' }[style];
      if (c.facts.subject === 'grant' && c.resource) {
        edge(i, node(id('r', stack, c.resource), c.resource, 'cyl'), `${sign} ${c.facts.level ?? 'other'}`, style);
      } else if (c.facts.subject === 'trust' && c.source) {
        edge(node(id('t', stack, c.source), c.source, 'box'), i, `${sign} trust`, style);
      } else {
        edge(w, i, c.facts.change, style);
      }
    }
    lines.push(...nodes.values(), '  end');
    // Each changed identity hangs off its workload (unlabelled, unstyled).
    for (const c of list) {
      const [w, i] = [id('w', stack, c.workload as string), id('i', stack, c.workload as string, c.cloud as string)];
      if (!linked.has(`${w} ${i}`)) edges.push(`  ${w} --- ${i}`);
      linked.add(`${w} ${i}`);
    }
  }
  lines.push(...edges);
  if (styles.added.length) lines.push(`  linkStyle ${styles.added.join(',')} stroke:#2da44e,stroke-width:2px`);
  if (styles.removed.length) lines.push(`  linkStyle ${styles.removed.join(',')} stroke:#cf222e,stroke-width:2px`);
  if (styles.changed.length) lines.push(`  linkStyle ${styles.changed.join(',')} stroke:#bf8700,stroke-width:2px`);
  return lines.join('\n');
}
