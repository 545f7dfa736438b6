/**
 * Lines of config paths in the config file, for reports that point at the source (SARIF
 * results in pull requests). The file is parsed again only when a report asks, once.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import type { ConfigPath } from '../../spec/config-error';

/** A place in a file: its path as the report shows it, and a 1-based line. */
export interface SourceLocation {
  readonly uri: string;
  readonly line?: number;
}

/** Locates config paths in `file` (shown as `uri`): the line of the deepest existing key or item. */
export function configLocator(file: string, uri: string): (path: ConfigPath) => SourceLocation {
  let lineOf: ((path: ConfigPath) => number | undefined) | undefined;
  return (path) => {
    lineOf ??= linesOf(file);
    const line = lineOf(path);
    return line ? { uri, line } : { uri };
  };
}

function linesOf(file: string): (path: ConfigPath) => number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return () => undefined;
  }
  const counter = new LineCounter();
  // The loader has checked this file (duplicate keys included): yaml's own check is quadratic.
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const parent = doc.getIn(path.slice(0, n - 1), true);
      const key = path[n - 1];
      // A mapping entry starts at its key; a list item at the item itself.
      const node = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key : isSeq(parent) ? parent.items[key as number] : undefined;
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}
