/**
 * A Terraform `moved` block, `{ from, to }` between two addresses: as a construct (one per
 * hop, since `TerraformResource.moveFromId` records one move per resource and a chain of
 * renames needs one block per hop), and followed back through a stack's blocks.
 */
import { Construct } from 'constructs';
import { TerraformElement } from 'cdktf';
import type { StackJson } from './stack-json';

/** One `moved` block of a stack's JSON. */
export interface MovedJson {
  /** The address the object had, e.g. `aws_iam_role.old-name`. */
  readonly from: string;
  /** The address it has now. */
  readonly to: string;
}

export class MovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    /** The address the object had, e.g. `aws_iam_role.old-name`. */
    readonly from: string,
    /** The address it has now. */
    readonly to: string,
  ) {
    super(scope, id);
  }

  override toTerraform(): { moved: MovedJson[] } {
    return { moved: [{ from: this.from, to: this.to }] };
  }

  override toHclTerraform(): unknown {
    const reference = (value: string) => ({ value, isBlock: false, type: 'simple', storageClassType: 'reference' });
    return { moved: [{ from: reference(this.from), to: reference(this.to) }] };
  }

  override toMetadata(): unknown {
    return {};
  }
}

/** Where an address ends up in `stack`, following its chain of `moved` blocks (itself when none moves it). */
export function movedDestination(address: string, stack: StackJson): string {
  const next = new Map((stack.moved ?? []).map((m) => [m.from, m.to]));
  let at = address;
  for (let hops = 0; next.has(at) && hops <= next.size; hops++) at = next.get(at) as string;
  return at;
}
