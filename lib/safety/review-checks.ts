/**
 * Checks for the pull-request review (lib/review), on the synthesized JSON of one stack
 * before (base) and after (head) a change: the app sees only the head config, so only the
 * review can tell that a protected identity was deleted without being retired, or that an
 * immutable attribute changed and Terraform will replace an identity.
 */
import { PROTECTED_TYPES } from './protection';
import { parseAddress } from '../terraform/address';
import { movedDestination } from '../terraform/moved-block';
import { renameReferences } from '../terraform/reference';
import { resourcesByAddress } from '../terraform/stack-json';
import type { ResourceJson, StackJson } from '../terraform/stack-json';

export interface SafetyFinding {
  readonly severity: 'error' | 'warning';
  /** The resource address in the base stack. */
  readonly address: string;
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/**
 * Attributes whose change makes Terraform replace (destroy and create) the resource, per
 * identity type: a replaced identity gets a new principal id, unique id or ARN, and every
 * token, grant and binding held by running code breaks until it is re-created.
 */
export const REPLACING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ['name', 'path'],
  aws_iam_instance_profile: ['name'],
  aws_iam_openid_connect_provider: ['url'],
  google_service_account: ['account_id', 'project'],
  google_service_account_iam_member: ['service_account_id', 'role', 'member'],
  google_iam_workload_identity_pool: ['workload_identity_pool_id', 'project'],
  google_iam_workload_identity_pool_provider: ['workload_identity_pool_id', 'workload_identity_pool_provider_id', 'project'],
  google_project_iam_custom_role: ['role_id', 'project'],
  azurerm_user_assigned_identity: ['name', 'resource_group_name', 'location'],
  azurerm_federated_identity_credential: ['name', 'parent_id', 'resource_group_name'],
  azurerm_role_definition: ['name', 'scope'],
};

/** Protected types shared by the workloads of a stack: deleted only once no workload needs them. */
export const SHARED_TYPES: ReadonlySet<string> = new Set([
  'aws_iam_openid_connect_provider',
  'google_iam_workload_identity_pool',
  'google_iam_workload_identity_pool_provider',
  'google_project_iam_custom_role',
  'azurerm_role_definition',
]);

const protectedIn = (config: ResourceJson) =>
  (config.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;

/**
 * Errors for protected identities deleted without being retired and for protected identities
 * Terraform would replace; warnings for unprotected replacements and for shared trust
 * resources a protected environment no longer needs.
 */
export function safetyFindings(base: StackJson, head: StackJson): SafetyFinding[] {
  const findings: SafetyFinding[] = [];
  const after = resourcesByAddress(head);
  for (const [address, config] of resourcesByAddress(base)) {
    const now = after.get(movedDestination(address, head));
    const type = parseAddress(address)?.type ?? '';
    if (!now) {
      if (protectedIn(config) && SHARED_TYPES.has(type)) {
        findings.push({
          severity: 'warning',
          address,
          message: `${address} is deleted: no workload of this protected environment needs it any more (a GCP pool or provider id stays reserved for 30 days)`,
          fix: 'nothing, if no workload federates through it any more; otherwise restore the workload that needed it',
        });
      } else if (protectedIn(config)) {
        findings.push({
          severity: 'error',
          address,
          message: `${address} is protected and was deleted without being retired: set retired: true on its workload for one release first`,
          fix: 'restore the workload with retired: true, deploy that release, then remove it',
        });
      }
      continue;
    }
    // A reference to a moved resource still names the same object.
    const moved = (value: unknown) => (value === undefined ? undefined : renameReferences(JSON.stringify(value), (a) => movedDestination(a, head)));
    const changed = (REPLACING_ATTRIBUTES[type] ?? []).filter((a) => moved(config[a]) !== JSON.stringify(now[a]));
    if (changed.length && PROTECTED_TYPES.has(type)) {
      findings.push({
        severity: protectedIn(config) ? 'error' : 'warning',
        address,
        message: `${address} will be replaced (destroyed and re-created) because ${changed.join(', ')} changed`,
        fix: 'for a renamed workload or resource, list the old name in previousNames (its resources then move); otherwise revert the change, or accept that running code loses this identity',
      });
    }
  }
  return findings;
}
