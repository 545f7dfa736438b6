/**
 * The hashicorp/time provider of a stack, configured once however many constructs wait with
 * `time_sleep`: a second default configuration of one provider is a Terraform error.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';

/** Its construct id: `_` is in no config name, so no workload's construct takes it. */
const ID = 'time_provider';

/** Configures the time provider in the stack of `scope`, unless it already is. */
export function useTimeProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild(ID)) new TimeProvider(stack, ID);
}
