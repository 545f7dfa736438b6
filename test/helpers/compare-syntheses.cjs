// Compares two SYNTH_RECORD folders (see test/helpers/synth.ts): every input synthesized in both
// runs must give byte-identical stacks. Prints the differing inputs and exits 1 if any differ.
const fs = require('node:fs');
const path = require('node:path');
const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node test/helpers/compare-syntheses.cjs <before-dir> <after-dir>');
  process.exit(2);
}
const a = new Set(fs.readdirSync(before));
const b = new Set(fs.readdirSync(after));
const common = [...a].filter((f) => b.has(f));
const differ = common.filter((f) => !fs.readFileSync(path.join(before, f)).equals(fs.readFileSync(path.join(after, f))));
console.log(`${common.length} inputs synthesized in both runs, ${differ.length} differ; ${a.size - common.length} only before, ${b.size - common.length} only after`);
for (const f of differ) console.log(`differs: ${f}`);
process.exit(differ.length ? 1 : 0);
