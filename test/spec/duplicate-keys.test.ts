import { LineCounter, parseDocument } from 'yaml';
import { duplicateKeyOffsets } from '../../lib/spec/duplicate-keys';

/** Lines of the duplicate keys of `text`, and whether yaml's own (quadratic) check agrees. */
function duplicates(text: string) {
  const lines = new LineCounter();
  const ours = duplicateKeyOffsets(parseDocument(text, { uniqueKeys: false, lineCounter: lines })).map((o) => lines.linePos(o).line);
  const yamlLines = new LineCounter();
  const yamls = parseDocument(text, { uniqueKeys: true, lineCounter: yamlLines })
    .errors.filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => yamlLines.linePos(e.pos[0]).line);
  return { ours, yamls };
}

describe('duplicateKeyOffsets', () => {
  it.each([
    ['no duplicates, the same key in sibling mappings', 'a: { x: 1 }\nb: { x: 2 }\n', []],
    ['a repeated top-level key', 'a: 1\nb: 2\na: 3\n', [3]],
    ['every repeat, nested and in flow mappings', 'w:\n  one: { k: 1, k: 2 }\n  two: 1\n  one: 3\n  two: 4\n', [2, 4, 5]],
    ['a key repeated twice', 'a: 1\na: 2\na: 3\n', [2, 3]],
    ['1 and "1" are different keys', '1: a\n"1": b\n', []],
    ['quoted and plain spellings of one string are the same key', 'a: 1\n"a": 2\n', [2]],
  ])('%s', (_, text, lines) => {
    const { ours, yamls } = duplicates(text);
    expect(ours).toEqual(lines);
    expect(ours).toEqual(yamls);
  });
});
