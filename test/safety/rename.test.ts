/**
 * A workload rename through `previousNames`: moved blocks, and the identity keeps its cloud name.
 * The real terraform CLI plans the rename against a state holding the old addresses in
 * test/terraform.test.ts (the `rename` case): a move, never a replacement.
 */
import { RENAMED_POSTER } from '../helpers/aws-only-cases';
import { example, synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';

describe('renaming a workload through previousNames', () => {
  const before = synthStacks(example('aws-only.yaml'))['ledger-prod'];
  const after = synthStacks(RENAMED_POSTER)['ledger-prod'];

  it('emits one moved block per resource of the workload, and keeps the role name of the first name', () => {
    expect(after.moved).toEqual([
      { from: 'aws_iam_role.poster', to: 'aws_iam_role.ledger-poster' },
      { from: 'aws_iam_role_policy.poster', to: 'aws_iam_role_policy.ledger-poster' },
    ]);
    const role = (s: StackJson, n: string) => (s.resource?.aws_iam_role?.[n] as { name: string }).name;
    expect(role(after, 'ledger-poster')).toBe(role(before, 'poster'));
  });
});
