/**
 * Terraform state (format 4) holding resources of a synthesized AWS stack as if applied, for a
 * plan against existing infrastructure: their synthesized arguments, the provider defaults of the
 * arguments that force replacement, and the computed attributes AWS would return.
 */
import { parseReference } from '../../lib/terraform/reference';
import type { StackJson } from '../../lib/terraform/stack-json';

const ACCOUNT = '444444444444';

/** One resource of a state; `module` is the address of the module holding it (`module.<name>`), absent at the root. */
export interface StateResource {
  readonly module?: string;
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: readonly object[];
}

/** The state resources of `stack` at `addresses` (`<type>.<name>`, an IAM role or an inline role policy), in `module`. */
export function appliedResources(stack: StackJson, addresses: readonly string[], module?: string): StateResource[] {
  return addresses.map((address) => {
    const [type, name] = address.split('.');
    const { '//': _meta, lifecycle: _lifecycle, depends_on: _deps, ...args } = stack.resource?.[type]?.[name] as Record<string, unknown>;
    const attributes: Record<string, unknown> =
      type === 'aws_iam_role'
        ? { path: '/', ...args, id: args.name, arn: `arn:aws:iam::${ACCOUNT}:role/${args.name}`, unique_id: 'AROAEXAMPLEEXAMPLE000', create_date: '2025-01-01T00:00:00Z' }
        : { ...args, role: roleName(stack, args.role), id: `${roleName(stack, args.role)}:${args.name as string}` };
    return {
      ...(module && { module }),
      mode: 'managed',
      type,
      name,
      provider: `${module ? `${module}.` : ''}provider["registry.terraform.io/hashicorp/aws"]`,
      instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
    };
  });
}

/** The name of the role an inline policy's `role` refers to, as AWS returns it. */
function roleName(stack: StackJson, role: unknown): string {
  const ref = parseReference(role);
  const name = ref && (stack.resource?.aws_iam_role?.[ref.name] as { name?: string } | undefined)?.name;
  if (!name) throw new Error(`an inline policy's role is not a role of the stack: ${String(role)}`);
  return name;
}

/** A state file's content holding `resources`. */
export function stateOf(resources: readonly StateResource[]): object {
  return { version: 4, terraform_version: '1.5.0', serial: 1, lineage: 'c0ffee00-0000-4000-8000-000000000000', outputs: {}, resources };
}
