/** Moved blocks: what MovedBlock writes, movedDestination follows back. */
import { App, TerraformStack, Testing } from 'cdktf';
import { formatAddress } from '../../lib/terraform/address';
import { MovedBlock, movedDestination } from '../../lib/terraform/moved-block';
import type { StackJson } from '../../lib/terraform/stack-json';

const role = (name: string) => formatAddress({ type: 'aws_iam_role', name });

/** The JSON of a stack holding one moved block per hop. */
function synthesizedMoves(hops: readonly [string, string][]): StackJson {
  const stack = new TerraformStack(new App(), 'moves');
  hops.forEach(([from, to], i) => new MovedBlock(stack, `moved-${i}`, from, to));
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

describe('moved blocks', () => {
  it('are written one per hop and followed to the last address of the chain', () => {
    const json = synthesizedMoves([
      [role('first'), role('second')],
      [role('second'), role('third')],
    ]);
    expect(json.moved).toEqual([
      { from: role('first'), to: role('second') },
      { from: role('second'), to: role('third') },
    ]);
    expect([role('first'), role('second'), role('third'), role('other')].map((a) => movedDestination(a, json))).toEqual([role('third'), role('third'), role('third'), role('other')]);
  });

  it('stop on a cycle instead of looping', () => {
    const json: StackJson = { moved: [{ from: role('a'), to: role('b') }, { from: role('b'), to: role('a') }] };
    expect([role('a'), role('b')]).toContain(movedDestination(role('a'), json));
  });
});
