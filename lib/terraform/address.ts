/**
 * A resource address, `<type>.<name>`: what Terraform plans, `moved` blocks and every finding
 * name a resource by. Types are `[a-z0-9_]+`; names (cdktf logical ids) `[A-Za-z0-9_-]+`.
 */

/** A resource's type and name. */
export interface Address {
  readonly type: string;
  readonly name: string;
}

const TYPE = /^[a-z0-9_]+$/;
const NAME = /^[A-Za-z0-9_-]+$/;
const ADDRESS = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)$/;

/** `type.name`; throws on a type or name no address can hold. */
export function formatAddress({ type, name }: Address): string {
  if (!TYPE.test(type) || !NAME.test(name)) throw new Error(`no Terraform address for type ${JSON.stringify(type)} and name ${JSON.stringify(name)}`);
  return `${type}.${name}`;
}

/** The type and name of an address, or undefined when `address` is none. */
export function parseAddress(address: string): Address | undefined {
  const m = ADDRESS.exec(address);
  return m ? { type: m[1], name: m[2] } : undefined;
}
