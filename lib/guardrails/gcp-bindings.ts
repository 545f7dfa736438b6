/** Every GCP IAM grant of a stack: `_iam_member`, `_iam_binding` and `_iam_policy` resources of any target. */
import type { RuleContext } from './rule';
import type { TfResource } from './stack-index';

/** One role granted to members on one target. */
export interface GcpGrant {
  readonly resource: TfResource;
  readonly role: string;
  readonly members: readonly string[];
  /** Granted on a whole project, folder or organization rather than one resource. */
  readonly hierarchyWide: boolean;
}

const IAM_TYPE = /^google_(.+)_iam_(member|binding|policy)$/;
const HIERARCHY = new Set(['project', 'folder', 'organization']);

/** Every grant in the stack. */
export function gcpGrants(ctx: RuleContext): readonly GcpGrant[] {
  return ctx.index.memo('gcp-grants', () => findGrants(ctx));
}

function findGrants(ctx: RuleContext): GcpGrant[] {
  const grants: GcpGrant[] = [];
  for (const resource of ctx.index.matching((type) => IAM_TYPE.test(type))) {
    const [, target, form] = IAM_TYPE.exec(resource.type) as RegExpExecArray;
    const hierarchyWide = HIERARCHY.has(target);
    const c = resource.config;
    if (form === 'member') grants.push({ resource, role: String(c.role), members: [String(c.member)], hierarchyWide });
    else if (form === 'binding') grants.push({ resource, role: String(c.role), members: (c.members as string[] | undefined) ?? [], hierarchyWide });
    else {
      const doc = ctx.index.document(resource, 'policy_data') as { bindings?: { role: string; members?: string[] }[] } | undefined;
      for (const b of doc?.bindings ?? []) grants.push({ resource, role: b.role, members: b.members ?? [], hierarchyWide });
    }
  }
  return grants;
}
