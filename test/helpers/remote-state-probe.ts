/**
 * Whether a stack's remote state of another local-backend stack reads that stack's state where
 * cdktf runs it, proven with the real terraform CLI: both stacks get a folder side by side as in
 * `cdktf.out/stacks/`, the producer a state file holding one output (written by hand), the reader
 * its own terraform_remote_state blocks and an output reading the value through them; `terraform
 * apply` on the reader then gives the value, or fails with "Unable to find remote state". Run it
 * under itWithTerraform (helpers/terraform.ts), which skips with its reason where terraform is missing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StackJson } from '../../lib/terraform/stack-json';
import { terraform } from './terraform';

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
    terraform(consumer, ['init', '-input=false', '-no-color']);
    terraform(consumer, ['apply', '-auto-approve', '-input=false', '-no-color']);
    return JSON.parse(terraform(consumer, ['output', '-json', 'value']));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
