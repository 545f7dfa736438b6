/**
 * One pass over the parsed YAML before it becomes JSON, linear in the file:
 * - how big it is once every alias is expanded (an alias counts the nodes of its anchor), so
 *   an exponential "billion laughs" file is refused while ordinary reuse (150 workloads sharing
 *   one `runsOn` anchor) is not;
 * - how deep it nests;
 * - keys that YAML reads as something other than text (`true:`, `1:`, `null:`, a list), which
 *   would become the same JSON key as their quoted spelling and silently merge;
 * - keys set twice in one mapping (YAML keeps the last), with both lines.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { shown, shownName } from '../spec/echo';

/** Deepest nesting accepted: the deepest config field (an IAM condition value) is 9 levels down. */
export const MAX_DEPTH = 64;
/**
 * Aliases may add at most as many nodes as the file writes itself, or this many, whichever is
 * more: reuse of anchors stays linear in the file, an exponential expansion is refused.
 */
export const MIN_ALIAS_BUDGET = 100_000;

export interface YamlStructure {
  /** Problems that stop the load: the file is too deep, or its aliases expand too far. */
  readonly fatal: ConfigProblem[];
  /** Problems reported together with the schema's: non-text and repeated keys. */
  readonly keys: ConfigProblem[];
  /** Nodes written in the file (aliases count one). */
  readonly written: number;
  /** Nodes once every alias is expanded. */
  readonly expanded: number;
}

class TooDeep extends Error {}

const KEY_TYPE: Readonly<Record<string, string>> = { boolean: 'a boolean', number: 'a number', object: 'an empty value (null)', bigint: 'a number' };

/** Walks `doc` once and reports its size, depth and key problems. */
export function yamlStructure(doc: Document, lines: LineCounter): YamlStructure {
  const size = new Map<Node, number>();
  const open = new Set<Node>();
  const keys: ConfigProblem[] = [];
  const fatal: ConfigProblem[] = [];
  let written = 0;
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const at = (path: ConfigPath, node: Node | null | undefined, message: string): ConfigProblem => {
    const line = lineOf(node);
    return line ? { path, message, line } : { path, message };
  };

  const walk = (node: unknown, path: ConfigPath, depth: number): number => {
    if (!node) return 0;
    if (depth > MAX_DEPTH) throw new TooDeep();
    if (isAlias(node)) {
      written++;
      const target = node.resolve(doc) as Node | undefined;
      if (!target) return 1;
      if (open.has(target)) {
        fatal.push(at(path, node, `the alias *${shownName(node.source)} refers to a node that contains it`));
        return 1;
      }
      return size.get(target) ?? walk(target, path, depth);
    }
    written++;
    let total = 1;
    open.add(node as Node);
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : '?';
        if (!isScalar(key) || typeof key.value !== 'string') {
          const what = !key ? KEY_TYPE.object : isScalar(key) ? KEY_TYPE[typeof key.value] ?? 'not text' : 'a list or a mapping';
          const hint = isScalar(key) && key.value !== null ? `: quote it ("${shownName(name)}") if it is a name` : ': a key must be a name';
          keys.push(at([...path, name], key, `this key is read as ${what}, not as text${hint}`));
        }
        const before = seen.get(name);
        if (before) keys.push(at([...path, name], key, `the key ${shown(name)} is set twice, on lines ${lineOf(before)} and ${lineOf(key)} (YAML keeps only the last): keep one`));
        else if (key) seen.set(name, key);
        total += walk(key, [...path, name], depth + 1) + walk(pair.value, [...path, name], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => (total += walk(isPair(item) ? item.value : item, [...path, i], depth + 1)));
    }
    open.delete(node as Node);
    size.set(node as Node, total);
    return total;
  };

  let expanded = 0;
  try {
    expanded = walk(doc.contents, [], 0);
  } catch (err) {
    if (!(err instanceof TooDeep) && !(err instanceof RangeError)) throw err;
    fatal.push({ path: [], message: `the YAML nests deeper than ${MAX_DEPTH} levels; no config field is that deep` });
    return { fatal, keys, written, expanded };
  }
  const budget = Math.max(written, MIN_ALIAS_BUDGET);
  if (expanded - written > budget) {
    fatal.push({
      path: [],
      message: `aliases expand the file from ${written} to ${expanded > 1e12 ? 'more than 10^12' : expanded} nodes; they may add at most ${budget} (as many as the file writes, or ${MIN_ALIAS_BUDGET})`,
    });
  }
  return { fatal, keys, written, expanded };
}
