import { example, synthStacks } from './helpers/synth';
import { initStack, itWithTerraform, terraform } from './helpers/terraform';

describe('the AWS-only example through the real terraform CLI', () => {
  const stack = synthStacks(example('aws-only.yaml'))['ledger-prod'];

  itWithTerraform('validates, and plans every synthesized resource for creation, offline with mock credentials', () => {
    const dir = initStack(stack);
    expect(terraform(dir, ['validate', '-no-color'])).toContain('Success');
    terraform(dir, ['plan', '-input=false', '-no-color', '-refresh=false', '-out=plan.bin']);
    const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'])) as {
      resource_changes: { address: string; change: { actions: string[] } }[];
    };
    const created = plan.resource_changes.filter((c) => c.change.actions.join() === 'create').map((c) => c.address);
    const synthesized = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(synthesized.length).toBeGreaterThan(10);
    expect(created.sort()).toEqual(synthesized.sort());
  });
});
