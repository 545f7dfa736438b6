/**
 * Production protection: in an environment marked `protected: true`, every identity and
 * every resource its trust rests on carries `lifecycle.prevent_destroy`, so no plan can
 * replace or destroy one while its block is in the config. Grants stay unprotected: removing
 * access must stay a routine change. A `retired` workload's identities are left unprotected
 * so the next release can delete them; deleting a block is invisible to prevent_destroy,
 * which is why the review checks removals (`protectionFindings`).
 */
import type { IConstruct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { CLOUDS } from '../access/vocabulary';
import { IDENTITY_RESOURCES } from '../terraform/identity-resources';

/** Resource types that are an identity, or the trust or federation an identity rests on. */
export const PROTECTED_TYPES: ReadonlySet<string> = new Set([
  ...CLOUDS.map((cloud) => IDENTITY_RESOURCES[cloud].type),
  'aws_iam_instance_profile',
  'aws_iam_openid_connect_provider',
  'google_service_account_iam_member',
  'google_iam_workload_identity_pool',
  'google_iam_workload_identity_pool_provider',
  'google_project_iam_custom_role',
  'azurerm_federated_identity_credential',
  'azurerm_role_definition',
]);

/** Sets `prevent_destroy` on every protected-type resource under `scope`, except under `retired` scopes. */
export function protectIdentities(scope: IConstruct, retired: readonly IConstruct[] = []): void {
  const skipped = new Set(retired.flatMap((r) => r.node.findAll()));
  for (const c of scope.node.findAll()) {
    if (c instanceof TerraformResource && PROTECTED_TYPES.has(c.terraformResourceType) && !skipped.has(c)) {
      c.lifecycle = { ...c.lifecycle, preventDestroy: true };
    }
  }
}
