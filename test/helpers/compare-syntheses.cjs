// Compares two SYNTH_RECORD folders (see test/helpers/synth.ts): every input synthesized in both
// runs must give byte-identical stacks. Prints the differing inputs and exits 1 if any differ.
// With --ignore-outputs, a change that adds or alters only the stacks' top-level `output` blocks
// is counted apart ("differ only in outputs") and does not fail: the proof for a change that
// deliberately adds outputs and nothing else. An input recorded in one run only (a test whose
// config changed, so its key did) is paired by content: the count of those whose stacks have a
// byte-identical twin on the other side is printed, so a changed test config still proves nothing moved.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const ignoreOutputs = args.includes('--ignore-outputs');
const [before, after] = args.filter((a) => a !== '--ignore-outputs');
if (!before || !after) {
  console.error('usage: node test/helpers/compare-syntheses.cjs [--ignore-outputs] <before-dir> <after-dir>');
  process.exit(2);
}
/** A recorded synthesis (stacks by name) without each stack's `output` key, as comparable text. */
function withoutOutputs(file) {
  const stacks = JSON.parse(fs.readFileSync(file, 'utf8'));
  return JSON.stringify(Object.entries(stacks).map(([name, { output, ...rest }]) => [name, rest]));
}
const a = new Set(fs.readdirSync(before));
const b = new Set(fs.readdirSync(after));
const common = [...a].filter((f) => b.has(f));
const changed = common.filter((f) => !fs.readFileSync(path.join(before, f)).equals(fs.readFileSync(path.join(after, f))));
const onlyOutputs = ignoreOutputs ? changed.filter((f) => withoutOutputs(path.join(before, f)) === withoutOutputs(path.join(after, f))) : [];
const differ = changed.filter((f) => !onlyOutputs.includes(f));
const digest = (dir, f) => crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
const unmatchedAfter = new Set([...b].filter((f) => !a.has(f)).map((f) => digest(after, f)));
const twins = [...a].filter((f) => !b.has(f) && unmatchedAfter.has(digest(before, f))).length;
const outputsNote = ignoreOutputs ? `, ${onlyOutputs.length} differ only in outputs` : '';
console.log(`${common.length} inputs synthesized in both runs${outputsNote}, ${differ.length} differ; ${a.size - common.length} only before, ${b.size - common.length} only after (${twins} of them with an identical twin on the other side)`);
for (const f of differ) console.log(`differs: ${f}`);
process.exit(differ.length ? 1 : 0);
