/**
 * Cross-stack references between local-backend stacks, made readable by Terraform. cdktf points a
 * reader at a local-backend stack's state by that backend's own `path`, `terraform.<stack>.tfstate`
 * (cdktf/lib/backends/local-backend.js, getRemoteStateDataSource), which Terraform resolves in the
 * reader's folder; but each stack runs in its own folder, `cdktf.out/stacks/<stack>`, and keeps its
 * state there (environment-backend.ts): the reader would find no state. Called once cdktf has added
 * the references (in prepareStack), this points each local one at its stack's folder.
 */
import { DataTerraformRemoteStateLocal } from 'cdktf';
import type { TerraformStack } from 'cdktf';

/** The construct id cdktf gives the remote state of another stack (cdktf/lib/terraform-stack.js, crossStackReference). */
const REMOTE_STATE_ID = 'cross-stack-reference-input-';

/** Points every local remote state of `stack` at the source stack's own folder. */
export function pointLocalRemoteStates(stack: TerraformStack): void {
  for (const child of stack.node.children) {
    if (!(child instanceof DataTerraformRemoteStateLocal) || !child.node.id.startsWith(REMOTE_STATE_ID)) continue;
    const source = child.node.id.slice(REMOTE_STATE_ID.length);
    child.addOverride('config.path', `../${source}/terraform.${source}.tfstate`);
  }
}
