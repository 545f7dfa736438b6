/**
 * AWS-only estates at AWS's limits through the real terraform CLI (offline, mock credentials,
 * the local hashicorp/aws mirror): the role whose statements fill the inline policy and ten
 * managed policies, and the trail whose data events outgrow 500 selector values, in one stack. The
 * plan runs the provider's own attribute checks and builds every resource.
 */
import { bucketEstate } from '../helpers/aws-estates';
import { synthStacks } from '../helpers/synth';
import type { StackJson } from '../../lib/terraform/stack-json';
import { initStack, itWithTerraform, plannedChanges } from '../helpers/terraform';

function expectPlannedForCreation(stack: StackJson): void {
  const created = plannedChanges(initStack(stack)).filter((c) => c.action === 'create').map((c) => c.resource.addr);
  const synthesized = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
  expect(created.sort()).toEqual(synthesized.sort());
}

describe('AWS estates at the limits through terraform', () => {
  itWithTerraform('roles of 228 buckets each (inline policy and 10 managed policies), and a trail over 600 buckets by prefix', () => {
    const stack = synthStacks(bucketEstate(600, 228))['estate-prod'];
    expect(Object.keys(stack.resource?.aws_iam_policy ?? {}).length).toBeGreaterThanOrEqual(20);
    const trail = Object.values(stack.resource?.aws_cloudtrail ?? {})[0] as { advanced_event_selector: { field_selector: { field: string; starts_with?: string[] }[] }[] };
    expect(trail.advanced_event_selector.flatMap((s) => s.field_selector).find((f) => f.field === 'resources.ARN')?.starts_with?.length).toBeLessThan(600);
    expectPlannedForCreation(stack);
  }, 240_000);
});
