/**
 * Construct ids made from config names. The constructs library keeps a construct's children
 * in a plain object and tests `this._children[id]` (constructs/lib/construct.js, addChild), so
 * an id that names an Object.prototype member (`constructor`, a valid workload name) is taken
 * for an existing child and the synth crashes. Such a name gets a trailing `_`, which no config
 * name can hold (names are lowercase letters, digits and hyphens), so ids stay unique and
 * every other id stays the name itself (Terraform addresses do not depend on it).
 */

const SUFFIX = '_';

/** The construct id of a config name. */
export function formatConstructId(name: string): string {
  return name in Object.prototype ? `${name}${SUFFIX}` : name;
}

/** The config name a construct id was made from (the inverse of formatConstructId), or undefined for an id it never makes. */
export function parseConstructId(id: string): string | undefined {
  const suffixed = id.endsWith(SUFFIX);
  const name = suffixed ? id.slice(0, -SUFFIX.length) : id;
  return suffixed === (name in Object.prototype) ? name : undefined;
}
