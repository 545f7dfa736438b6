/**
 * A reference to a resource attribute, `${<type>.<name>.<attribute>}`: how one resource of a
 * stack names another (cdktf writes them from tokens; readers follow them back).
 */
import { formatAddress } from './address';
import type { Address } from './address';
import { unescapeTemplate } from './template-escape';

/** A resource and one of its attributes. */
export interface Reference extends Address {
  readonly attribute: string;
}

const ATTRIBUTE = /^[a-z0-9_]+$/;
const PART = '([a-z0-9_]+)\\.([A-Za-z0-9_-]+)\\.([a-z0-9_]+)';
const WHOLE = new RegExp(`^\\$\\{${PART}\\}$`);
const WITHIN = new RegExp(`\\$\\{${PART}\\}`);
const REFERENCED_ADDRESS = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./g;

/** `${type.name.attribute}`; throws on parts no reference can hold. */
export function formatReference({ type, name, attribute }: Reference): string {
  if (!ATTRIBUTE.test(attribute)) throw new Error(`no Terraform attribute ${JSON.stringify(attribute)}`);
  return `\${${formatAddress({ type, name })}.${attribute}}`;
}

/** The reference a value is, whole, or undefined (a literal, or an expression with more in it). */
export function parseReference(value: unknown): Reference | undefined {
  const m = typeof value === 'string' ? WHOLE.exec(value) : null;
  return m ? { type: m[1], name: m[2], attribute: m[3] } : undefined;
}

/** The first reference inside a value (`serviceAccount:${google_service_account.x.email}`), if any. */
export function referenceIn(value: unknown): Reference | undefined {
  const m = typeof value === 'string' ? WITHIN.exec(value) : null;
  return m ? { type: m[1], name: m[2], attribute: m[3] } : undefined;
}

/** Whether a value refers, somewhere in it, to the resource `type.name`. */
export function refersTo(value: unknown, { type, name }: Address): boolean {
  const ref = referenceIn(value);
  return ref?.type === type && ref.name === name;
}

/** `text` with the resource of every reference in it renamed by `rename` (an address to an address). */
export function renameReferences(text: string, rename: (address: string) => string): string {
  return text.replace(REFERENCED_ADDRESS, (_, address: string) => `\${${rename(address)}.`);
}

/** A value for people: references shown as `type.name.attribute`, template escapes undone. */
export function readable(value: string): string {
  return unescapeTemplate(value.replace(/(?<!\$)\$\{([^}]+)\}/g, '$1'));
}
