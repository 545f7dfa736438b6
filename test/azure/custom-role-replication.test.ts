/**
 * A custom role definition is assigned only after it has replicated: azurerm v4.55 neither waits
 * for a new definition nor retries an assignment that names one Azure does not know yet
 * (lib/azure/custom-roles.ts cites the provider source). Held on the synthesized JSON: each
 * assignment of a definition of its own stack depends on a `time_sleep` long enough, which a
 * replaced definition re-triggers; assignments of built-in roles do not wait; a shard's
 * assignments refer to the definitions of the shared stack, applied (and waited for) first.
 */
import { ROLE_DEFINITION_REPLICATION_SECONDS } from '../../lib/azure/custom-roles';
import { EVERY_LEVEL_CONFIG } from '../helpers/every-level';
import type { StackJson } from '../helpers/synth';
import { ofType, synthStacks } from '../helpers/synth';

/** Seconds of a Go duration as time_sleep parses it (time.ParseDuration), for the forms used here. */
const seconds = (d: unknown) => {
  const m = /^(\d+)(s|m)$/.exec(String(d));
  if (!m) throw new Error(`unexpected duration ${String(d)}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
};

/** Assignments of a stack that name a role definition of the same stack, with that definition's address. */
const customAssignments = (stack: StackJson) =>
  Object.entries(ofType(stack, 'azurerm_role_assignment')).flatMap(([address, a]) => {
    const [, definition] = /^\$\{azurerm_role_definition\.([^.]+)\.role_definition_resource_id\}$/.exec(String(a.role_definition_id)) ?? [];
    return definition ? [{ address, a, definition }] : [];
  });

describe('custom role definitions are assigned after they replicate', () => {
  const stacks = synthStacks(EVERY_LEVEL_CONFIG);
  const withCustom = Object.entries(stacks).filter(([, s]) => customAssignments(s).length);

  it('has custom roles to check', () => {
    expect(withCustom.length).toBeGreaterThan(0);
  });

  it.each(withCustom)('%s: every custom-role assignment depends on a long enough wait that its definition triggers', (_name, stack) => {
    const sleeps = ofType(stack, 'time_sleep');
    expect(ROLE_DEFINITION_REPLICATION_SECONDS).toBeGreaterThanOrEqual(600);
    for (const { address, a, definition } of customAssignments(stack)) {
      const waits = ((a.depends_on ?? []) as string[]).filter((d) => d.startsWith('time_sleep.')).map((d) => sleeps[d.slice('time_sleep.'.length)]);
      const covering = waits.filter(
        (s) => s && seconds(s.create_duration) >= 600 && Object.values((s.triggers ?? {}) as Record<string, string>).includes(`\${azurerm_role_definition.${definition}.role_definition_resource_id}`),
      );
      expect([address, covering.length]).toEqual([address, 1]);
    }
  });

  it.each(withCustom)('%s: assignments of built-in roles do not wait', (_name, stack) => {
    const builtIn = Object.values(ofType(stack, 'azurerm_role_assignment')).filter((a) => a.role_definition_name);
    expect(builtIn.length).toBeGreaterThan(0);
    for (const a of builtIn) expect(a.depends_on).toBeUndefined();
  });
});

describe('in a sharded environment', () => {
  const yaml = EVERY_LEVEL_CONFIG.replace(/(\n {2}dev:\n)/, '$1    shards: 2\n');
  const stacks = synthStacks(yaml);
  const shared = Object.entries(stacks).find(([name]) => !name.includes('_shard-'));
  const shards = Object.entries(stacks).filter(([name]) => name.includes('_shard-'));

  it('waits in the shared stack, which makes the definitions, and refers to them from the shards without a wait of their own', () => {
    expect(yaml).toContain('shards: 2');
    expect(shards.length).toBe(2);
    const [, sharedStack] = shared as [string, StackJson];
    expect(Object.keys(ofType(sharedStack, 'azurerm_role_definition')).length).toBeGreaterThan(0);
    expect(Object.keys(ofType(sharedStack, 'time_sleep'))).toContain('custom_roles_replicated');
    // The shards name the shared stack's definitions (cdktf carries them through its outputs at app synth).
    const named = shards.flatMap(([, s]) => customAssignments(s).map((c) => c.definition));
    expect(named.length).toBeGreaterThan(0);
    for (const definition of named) expect(ofType(sharedStack, 'azurerm_role_definition')[definition]).toBeDefined();
    for (const [, s] of shards) {
      expect(ofType(s, 'azurerm_role_definition')).toEqual({});
      for (const a of Object.values(ofType(s, 'azurerm_role_assignment'))) expect(a.depends_on).toBeUndefined();
    }
  });
});
