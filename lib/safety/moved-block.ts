/**
 * A Terraform `moved` block as a construct. `TerraformResource.moveFromId` records one move
 * per resource; a chain of renames needs one block per hop, so each hop is its own element.
 */
import { Construct } from 'constructs';
import { TerraformElement } from 'cdktf';

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

  override toTerraform(): unknown {
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
