/**
 * Duplicate mapping keys, found in one pass. yaml's own `uniqueKeys` check compares each key of
 * a mapping with every earlier one: quadratic in the workloads, a second of a 10,000-workload
 * load. Keys are equal as yaml judges them by default: scalars of the same value.
 */
import { isMap, isScalar, visit } from 'yaml';
import type { Document } from 'yaml';

/** The offsets of every key that repeats an earlier key of the same mapping, in file order. */
export function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value) && key.range) offsets.push(key.range[0]);
        seen.add(key.value);
      }
    },
  });
  return offsets.sort((a, b) => a - b);
}
