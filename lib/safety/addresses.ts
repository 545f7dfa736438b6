/**
 * Terraform addresses as pure functions of config names, and the `moved` blocks that carry
 * state across renames (`previousNames`), so renaming a workload or a resource never
 * destroys and recreates what running code holds.
 */
import type { TerraformResource } from 'cdktf';
import { formatAddress } from '../terraform/address';
import { MovedBlock } from '../terraform/moved-block';

/** Something the config names, with the names it had before, oldest first. */
export interface NameHistory {
  readonly name: string;
  readonly previousNames: readonly string[];
}

/**
 * Gives `resource` the address `idOf(current names)` and chains `moved` blocks to it from
 * the addresses its earlier names gave it. With several histories (a grant names a workload
 * and a resource), the chain walks the first history's names, then the next one's: Terraform
 * needs one linear chain, since two blocks may not move to the same address.
 */
export function placeResource(resource: TerraformResource, idOf: (...names: string[]) => string, ...histories: NameHistory[]): void {
  resource.overrideLogicalId(idOf(...histories.map((h) => h.name)));
  const names = histories.map((h) => h.previousNames[0] ?? h.name);
  const ids = [idOf(...names)];
  histories.forEach((h, i) => {
    for (const name of [...h.previousNames.slice(1), h.name]) {
      names[i] = name;
      ids.push(idOf(...names));
    }
  });
  const hops = ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
  const type = resource.terraformResourceType;
  const scope = resource.node.scope ?? resource;
  hops.slice(0, -1).forEach((from, i) => new MovedBlock(scope, `${resource.node.id}-moved-${i}`, formatAddress({ type, name: from }), formatAddress({ type, name: hops[i + 1] })));
}
