/**
 * Terraform state (format 4) holding resources of a synthesized AWS stack as if applied, for a
 * plan against existing infrastructure: their synthesized arguments, the provider's default tags
 * merged into `tags_all`, and the computed attributes AWS would return.
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

type Args = Record<string, unknown>;

/** What AWS returns beyond the arguments, per resource type this helper can hold. */
const COMPUTED: Record<string, (args: Args, stack: StackJson) => Args> = {
  aws_iam_role: (a) => ({ path: '/', id: a.name, arn: `arn:aws:iam::${ACCOUNT}:role/${a.name as string}`, unique_id: 'AROAEXAMPLEEXAMPLE000', create_date: '2025-01-01T00:00:00Z' }),
  aws_iam_role_policy: (a, stack) => ({ role: roleName(stack, a.role), id: `${roleName(stack, a.role)}:${a.name as string}` }),
  aws_iam_openid_connect_provider: (a) => {
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${(a.url as string).slice('https://'.length)}`;
    return { id: arn, arn, thumbprint_list: [] };
  },
  aws_eks_pod_identity_association: (a, stack) => ({
    id: 'a-0000000000000000',
    association_id: 'a-0000000000000000',
    association_arn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/${a.cluster_name as string}/a-0000000000000000`,
    role_arn: `arn:aws:iam::${ACCOUNT}:role/${roleName(stack, a.role_arn)}`,
  }),
};

/** The state resources of `stack` at `addresses` (`<type>.<name>`), in `module`. */
export function appliedResources(stack: StackJson, addresses: readonly string[], module?: string): StateResource[] {
  const defaults = ((stack.provider as { aws: { default_tags?: { tags: Record<string, string> }[] }[] }).aws[0].default_tags ?? [])[0]?.tags ?? {};
  return addresses.map((address) => {
    const [type, name] = address.split('.');
    const { '//': _meta, lifecycle: _lifecycle, depends_on: _deps, ...args } = stack.resource?.[type]?.[name] as Args;
    const computed = COMPUTED[type];
    if (!computed) throw new Error(`applied-state.ts cannot hold a ${type}`);
    const tags = 'tags' in args ? { tags_all: { ...defaults, ...(args.tags as object) } } : {};
    return {
      ...(module && { module }),
      mode: 'managed',
      type,
      name,
      provider: `${module ? `${module}.` : ''}provider["registry.terraform.io/hashicorp/aws"]`,
      instances: [{ schema_version: 0, attributes: { ...args, ...tags, ...computed(args, stack) }, sensitive_attributes: [] }],
    };
  });
}

/** The name of the role a reference (`${aws_iam_role.x.name}`, `.arn`) names, as AWS returns it. */
function roleName(stack: StackJson, role: unknown): string {
  const ref = parseReference(role);
  const name = ref && (stack.resource?.aws_iam_role?.[ref.name] as { name?: string } | undefined)?.name;
  if (!name) throw new Error(`not a reference to a role of the stack: ${String(role)}`);
  return name;
}

/** A state file's content holding `resources`. */
export function stateOf(resources: readonly StateResource[]): object {
  return { version: 4, terraform_version: '1.5.0', serial: 1, lineage: 'c0ffee00-0000-4000-8000-000000000000', outputs: {}, resources };
}
