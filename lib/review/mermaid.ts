/**
 * A Mermaid flowchart of the changed part of the access graph: workload → identity (per cloud)
 * → resource, and trust source → identity, one subgraph per environment. Added edges are solid,
 * removed ones dotted; every label is escaped with Mermaid entity codes.
 */
import { stableHash } from '../spec/names';
import type { ReviewChange } from './review-change';

/** Text safe inside a quoted Mermaid label: quotes, brackets, markup and `#` as entity codes. */
export function mermaidText(value: string): string {
  const codes: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;', '|': '#124;', '[': '#91;', ']': '#93;', '{': '#123;', '}': '#125;' };
  return value.replace(/[#"<>&`|[\]{}]/g, (c) => codes[c]).replace(/[\r\n]+/g, ' ');
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
  const styles = { added: [] as number[], removed: [] as number[] };
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
    const edge = (from: string, to: string, label: string, removed: boolean) => {
      (removed ? styles.removed : styles.added).push(edges.length);
      edges.push(`  ${from} ${removed ? '-.->' : '-->'}|"${mermaidText(label)}"| ${to}`);
    };
    for (const c of list) {
      const w = node(id('w', stack, c.workload as string), c.workload as string, 'round');
      const i = node(id('i', stack, c.workload as string, c.cloud as string), `${CLOUD[c.cloud as keyof typeof CLOUD]} ${c.identity ?? ''}`, 'box');
      const removed = ['removed', 'delete', 'replace', 'gone'].includes(c.facts.change);
      if (c.facts.subject === 'grant' && c.resource) {
        const r = node(id('r', stack, c.resource), c.resource, 'cyl');
        edge(i, r, `${removed ? '−' : c.facts.change === 'added' ? '+' : '~'} ${c.facts.level ?? 'other'}`, removed);
      } else if (c.facts.subject === 'trust' && c.source) {
        const s = node(id('t', stack, c.source), c.source, 'box');
        edge(s, i, `${removed ? '−' : c.facts.change === 'added' ? '+' : '~'} trust`, removed);
      } else {
        edge(w, i, c.facts.change, removed);
      }
    }
    lines.push(...nodes.values(), '  end');
    // Each changed identity hangs off its workload (unlabelled, unstyled).
    for (const c of list) {
      const link = `  ${id('w', stack, c.workload as string)} --- ${id('i', stack, c.workload as string, c.cloud as string)}`;
      if (!edges.includes(link) && c.facts.subject !== 'identity' && c.facts.subject !== 'plan') edges.push(link);
    }
  }
  lines.push(...edges);
  if (styles.added.length) lines.push(`  linkStyle ${styles.added.join(',')} stroke:#2da44e,stroke-width:2px`);
  if (styles.removed.length) lines.push(`  linkStyle ${styles.removed.join(',')} stroke:#cf222e,stroke-width:2px`);
  return lines.join('\n');
}
