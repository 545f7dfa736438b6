/**
 * Real plans: `terraform show -json <planfile>` of a stack, read for what happens to the
 * identities (`resource_changes[].change.actions`). A replaced or destroyed identity breaks the
 * workloads that run as it, whatever the access model says.
 */
import { AUDIT_DELIVERY_WORKLOAD } from '../aws/audit-trail';
import type { AccessModel, IdentityAccess, StackAccess } from './access-model';
import type { ChangeType, ReviewChange } from './review-change';
import type { ProductionTest } from './diff';
import { riskOf } from './risk-rules';

/** The parts of `terraform show -json` read here. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly change: { readonly actions: readonly string[]; readonly before?: Record<string, unknown> | null; readonly after?: Record<string, unknown> | null };
    readonly action_reason?: string;
  }[];
}

/** Terraform's action list as one word; undefined for no-op and read. */
export function planAction(actions: readonly string[]): Extract<ChangeType, 'create' | 'update' | 'replace' | 'delete'> | undefined {
  const a = actions.join(',');
  if (a === 'create') return 'create';
  if (a === 'update') return 'update';
  if (a === 'delete') return 'delete';
  if (a === 'delete,create' || a === 'create,delete') return 'replace';
  return undefined;
}

/** The attribute holding an identity resource's cloud name. */
const NAME_ATTRIBUTE: Readonly<Record<string, string>> = { aws_iam_role: 'name', google_service_account: 'account_id', azurerm_user_assigned_identity: 'name' };

/** The trail's delivery role serves the environment, not a workload: the access model leaves it out too. */
function isAuditDeliveryRole(values: Record<string, unknown> | null | undefined): boolean {
  return (values?.tags as Record<string, string> | undefined)?.workload === AUDIT_DELIVERY_WORKLOAD;
}

/**
 * The plan's actions on identity resources. Each is matched to an identity of the head (or,
 * for a destroy, the base) model by address and by its cloud name, so a plan of one stack
 * finds its stack among several that share addresses.
 */
export function planChanges(plan: PlanJson, file: string, models: readonly AccessModel[], isProduction: ProductionTest): ReviewChange[] {
  const changes: ReviewChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const type = rc.address.split('.').at(-2) ?? '';
    const attribute = NAME_ATTRIBUTE[type];
    const action = planAction(rc.change.actions);
    if (!attribute || !action || isAuditDeliveryRole(rc.change.after ?? rc.change.before)) continue;
    const names = [rc.change.after?.[attribute], rc.change.before?.[attribute]].filter((n): n is string => typeof n === 'string');
    const found = locate(models, rc.address, names);
    const environment = found?.stack.environment ?? '(unknown)';
    const facts = { subject: 'plan' as const, change: action, production: isProduction(environment) };
    const rule = riskOf(facts);
    const verb = { create: 'creates', update: 'updates in place', replace: 'replaces (destroys, then creates)', delete: 'destroys' }[action];
    changes.push({
      facts,
      stack: found?.stack.stack ?? '(unknown)',
      environment,
      ...(found && { workload: found.identity.workload, cloud: found.identity.cloud, identity: found.identity.name }),
      summary: `the plan ${verb} ${found ? `${found.identity.workload}'s identity ${found.identity.name} in ${environment}` : rc.address}`,
      native: [`${rc.address}: ${rc.change.actions.join(', ')}${rc.action_reason ? ` (${rc.action_reason})` : ''} — ${file}`],
      risk: rule.risk,
      rule: rule.id,
    });
  }
  return changes;
}

function locate(models: readonly AccessModel[], address: string, names: readonly string[]): { stack: StackAccess; identity: IdentityAccess } | undefined {
  const all = models.flatMap((m) => m.stacks.flatMap((stack) => stack.identities.filter((i) => i.address === address).map((identity) => ({ stack, identity }))));
  return all.find((c) => names.includes(c.identity.name)) ?? (all.length === 1 ? all[0] : undefined);
}
