/** Synthesized stacks as the review reads them: `cdktf.out/stacks/<stack>/cdk.tf.json`, parsed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '../terraform/stack-json';

/** Every stack of a synthesis, by stack name. */
export type SynthesizedStacks = Readonly<Record<string, StackJson>>;

/**
 * Reads the stacks under `dir`: a cdktf output dir (`<dir>/stacks/*`), its `stacks` dir, or a
 * project dir holding `cdktf.out`; none when a `stacks` dir is empty. Throws when there is no
 * `stacks` dir at all.
 */
export function readSynthesizedStacks(dir: string): SynthesizedStacks {
  const candidates = [path.join(dir, 'stacks'), dir, path.join(dir, 'cdktf.out', 'stacks')];
  for (const stacksDir of candidates) {
    if (!fs.existsSync(stacksDir) || !fs.statSync(stacksDir).isDirectory()) continue;
    const names = fs.readdirSync(stacksDir).filter((n) => fs.existsSync(path.join(stacksDir, n, 'cdk.tf.json'))).sort();
    if (names.length) {
      return Object.fromEntries(names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(stacksDir, n, 'cdk.tf.json'), 'utf8')) as StackJson]));
    }
  }
  // A `stacks` dir with no stack is a synthesis of nothing (e.g. a base before the first config).
  if (fs.existsSync(path.join(dir, 'stacks')) || path.basename(dir) === 'stacks') return {};
  throw new Error(`no synthesized stacks (stacks/<name>/cdk.tf.json) under ${dir}`);
}
