/**
 * Whether a stack's remote state of another local-backend stack reads that stack's state where
 * cdktf runs it, proven with the real terraform CLI: both stacks get a folder side by side as in
 * `cdktf.out/stacks/`, the producer a state file holding one output (written by hand), the reader
 * its own terraform_remote_state blocks and an output reading the value through them; `terraform
 * apply` on the reader then gives the value, or fails with "Unable to find remote state".
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StackJson } from '../../lib/terraform/stack-json';

/** Why the probe cannot run here, or undefined when the terraform CLI is on PATH. */
export const remoteStateProbeSkip: string | undefined =
  spawnSync('terraform', ['version'], { env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } }).status !== 0 ? 'no terraform CLI on PATH' : undefined;

/** The value `reader` reads as `${data.terraform_remote_state.<remote>.outputs.<output>}` from `producer`'s state folder. */
export function readThroughRemoteState(reader: StackJson, readerName: string, producerName: string, remote: string, output: string, value: string): unknown {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-remote-'));
  try {
    const producer = path.join(root, 'stacks', producerName);
    const consumer = path.join(root, 'stacks', readerName);
    fs.mkdirSync(producer, { recursive: true });
    fs.mkdirSync(consumer, { recursive: true });
    const state = { version: 4, terraform_version: '1.5.0', serial: 1, lineage: 'test', outputs: { [output]: { value, type: 'string' } }, resources: [] };
    fs.writeFileSync(path.join(producer, `terraform.${producerName}.tfstate`), JSON.stringify(state));
    const blocks = (reader.data as Record<string, Record<string, unknown>>).terraform_remote_state;
    const { required_providers: _providers, ...settings } = reader.terraform as Record<string, unknown>;
    const probe = { terraform: settings, data: { terraform_remote_state: { [remote]: blocks[remote] } }, output: { value: { value: `\${data.terraform_remote_state.${remote}.outputs.${output}}` } } };
    fs.writeFileSync(path.join(consumer, 'main.tf.json'), JSON.stringify(probe));
    const run = (args: string[]) => {
      const r = spawnSync('terraform', args, { cwd: consumer, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
      if (r.status !== 0) throw new Error(`terraform ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    run(['init', '-input=false', '-no-color']);
    run(['apply', '-auto-approve', '-input=false', '-no-color']);
    return JSON.parse(run(['output', '-json', 'value']));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
