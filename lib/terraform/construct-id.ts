/**
 * Construct ids made from config names. The constructs library keeps a construct's children
 * in a plain object and tests `this._children[id]` (constructs/lib/construct.js, addChild), so
 * an id that names an Object.prototype member (`constructor`, a valid workload name) is taken
 * for an existing child and the synth crashes; so does a workload named like a construct its
 * stack makes beside the workloads (`aws`, `google`, `azure-monitoring`: "There is already a
 * Construct with name"). Such a name gets a trailing `_`, which no config name can hold (names
 * are lowercase letters, digits and hyphens), so ids stay unique and every other id stays the
 * name itself (Terraform addresses do not depend on it).
 */

const SUFFIX = '_';

/**
 * The ids, shaped like config names, of the constructs an environment stack makes beside its
 * workloads (stacks/environment-stack.ts, stacks/environment-backend.ts); its other children hold
 * a `_`. test/stacks/stack-construct-ids.test.ts holds this list to the stacks' children.
 */
export const STACK_CONSTRUCT_IDS: ReadonlySet<string> = new Set([
  'backend',
  'aws',
  'aws-oidc-providers',
  'aws-monitoring',
  'google',
  'gcp-custom-roles',
  'gcp-workload-identity-pool',
  'gcp-monitoring',
  'azurerm',
  'azure-custom-roles',
  'azure-monitoring',
]);

/** Whether a config name, as an id, would collide with an id constructs or the stack already use. */
const taken = (name: string): boolean => name in Object.prototype || STACK_CONSTRUCT_IDS.has(name);

/** The construct id of a config name. */
export function formatConstructId(name: string): string {
  return taken(name) ? `${name}${SUFFIX}` : name;
}

/** The config name a construct id was made from (the inverse of formatConstructId), or undefined for an id it never makes. */
export function parseConstructId(id: string): string | undefined {
  const suffixed = id.endsWith(SUFFIX);
  const name = suffixed ? id.slice(0, -SUFFIX.length) : id;
  return suffixed === taken(name) ? name : undefined;
}
