/**
 * A workload rename through `previousNames`, planned by the real terraform CLI against a state
 * holding the old addresses: the plan moves the identity, it never replaces it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { example, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';
import { initStack, itWithTerraform, plannedChanges } from '../helpers/terraform';

const renamed = example('aws-only.yaml').replace(/^  poster:\n/m, '  ledger-poster:\n    previousNames: [poster]\n');
const ACCOUNT = '444444444444';

/**
 * Terraform state (format 4) holding the named resources of `stack` as if applied: their
 * synthesized arguments, provider defaults of the arguments that force replacement, and the
 * computed attributes AWS would return.
 */
function appliedState(stack: StackJson, addresses: string[]): object {
  return {
    version: 4,
    terraform_version: '1.5.0',
    serial: 1,
    lineage: 'c0ffee00-0000-4000-8000-000000000000',
    outputs: {},
    resources: addresses.map((address) => {
      const [type, name] = address.split('.');
      const { '//': _meta, lifecycle: _lifecycle, depends_on: _deps, ...args } = stack.resource?.[type]?.[name] as Record<string, unknown>;
      const attributes: Record<string, unknown> =
        type === 'aws_iam_role'
          ? { path: '/', ...args, id: args.name, arn: `arn:aws:iam::${ACCOUNT}:role/${args.name}`, unique_id: 'AROAEXAMPLEEXAMPLE000', create_date: '2025-01-01T00:00:00Z' }
          : { ...args, role: 'ledger-prod-poster', id: 'ledger-prod-poster:access' };
      return {
        mode: 'managed',
        type,
        name,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
      };
    }),
  };
}

describe('renaming a workload through previousNames', () => {
  const before = synthStacks(example('aws-only.yaml'))['ledger-prod'];
  const after = synthStacks(renamed)['ledger-prod'];

  it('emits one moved block per resource of the workload, and keeps the role name of the first name', () => {
    expect(after.moved).toEqual([
      { from: 'aws_iam_role.poster', to: 'aws_iam_role.ledger-poster' },
      { from: 'aws_iam_role_policy.poster', to: 'aws_iam_role_policy.ledger-poster' },
    ]);
    const role = (s: StackJson, n: string) => (s.resource?.aws_iam_role?.[n] as { name: string }).name;
    expect(role(after, 'ledger-poster')).toBe(role(before, 'poster'));
  });

  itWithTerraform('plans a move, not a replacement, against a state holding the old addresses', () => {
    const dir = initStack(after);
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(appliedState(before, ['aws_iam_role.poster', 'aws_iam_role_policy.poster'])));
    const changes = plannedChanges(dir);
    const moved = changes.filter((c) => c.previous_resource);
    expect(moved.map((c) => [c.previous_resource?.addr, c.resource.addr])).toEqual([
      ['aws_iam_role.poster', 'aws_iam_role.ledger-poster'],
      ['aws_iam_role_policy.poster', 'aws_iam_role_policy.ledger-poster'],
    ]);
    // A move, possibly with an in-place update (the workload tag names the new name); never a replacement.
    for (const c of moved) expect(['move', 'update']).toContain(c.action);
    expect(changes.filter((c) => !['create', 'move', 'update'].includes(c.action))).toEqual([]);
  });
});
