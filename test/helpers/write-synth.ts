/** Writes synthesized stacks to disk the way `cdktf synth` lays them out, for tools that read dirs. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StackJson } from '../../lib/terraform/stack-json';

/** A new temporary dir holding `stacks/<name>/cdk.tf.json` for each stack. */
export function writeSynth(stacks: Record<string, StackJson>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-synth-'));
  fs.mkdirSync(path.join(dir, 'stacks'));
  for (const [name, stack] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack));
  }
  return dir;
}
