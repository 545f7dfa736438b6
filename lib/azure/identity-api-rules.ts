/**
 * What Azure refuses of the identities a whole spec would make, refused at load with the config
 * path (azurerm 4.55 checks none of it: `azurerm_role_assignment` and
 * `azurerm_federated_identity_credential` validate only formats, internal/services/authorization/
 * role_assignment_resource.go and internal/services/managedidentity/federated_identity_credential_resource.go).
 * Each rule cites its source.
 */
import { trustsFor } from '../sources/source-list';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import type { EnvironmentSpec, Spec, WorkloadSpec } from '../spec/types';

/** The Azure identity limits. */
export type AzureIdentityLimit = 'roleAssignmentsPerSubscription' | 'federatedCredentialsPerIdentity';

const RBAC_LIMITS = 'https://learn.microsoft.com/azure/role-based-access-control/troubleshoot-limits';
const FIC_CONSIDERATIONS = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations';

/** Each limit and its source. */
export const AZURE_IDENTITY_LIMITS: Readonly<Record<AzureIdentityLimit, { readonly max: number; readonly source: string }>> = {
  // "Azure supports up to 4000 role assignments per subscription. This limit includes role assignments at the
  // subscription, resource group, and resource scopes, but not at the management group scope." (fixed; the
  // sovereign clouds allow 2000, and this project's provider block targets the public cloud).
  roleAssignmentsPerSubscription: { max: 4000, source: `${RBAC_LIMITS}#symptom---no-more-role-assignments-can-be-created` },
  // "A maximum of 20 federated identity credentials can be added to an application or user-assigned managed
  // identity." Each identity here gets one credential per federated source of its runsOn list: the loader
  // refuses the 21st (lib/config/check-source-lists.ts); test/azure/identity-api-rules.test.ts holds every
  // synthesized identity to it.
  federatedCredentialsPerIdentity: { max: 20, source: `${FIC_CONSIDERATIONS}#general-federated-identity-credential-considerations` },
};

/**
 * Regions where Azure does not create federated identity credentials on a user-assigned managed
 * identity (HTTP 405 "Support for federated identity credentials not enabled"), by their names as
 * the config writes locations (azurerm's normalized form: lower case, no spaces). Source:
 * FIC_CONSIDERATIONS#unsupported-regions-user-assigned-managed-identities (MicrosoftDocs/entra-docs
 * docs/workload-id/workload-identity-federation-considerations.md, commit 03ffb81c).
 */
export const FIC_UNSUPPORTED_REGIONS: ReadonlyMap<string, string> = new Map([
  ['malaysiasouth', 'Malaysia South'],
  ['newzealandnorth', 'New Zealand North'],
]);

const onAzure = (w: WorkloadSpec) => w.clouds.includes('azure');
const n = (x: number) => x.toLocaleString('en-US');

/** Problems with Azure identity limits and regions of a normalized spec. */
export function azureIdentityProblems(spec: Spec): ConfigProblem[] {
  return [...spec.environments.flatMap(regionProblems), ...assignmentProblems(spec)];
}

/** An environment whose identities need federated credentials in a region that refuses them. */
function regionProblems(env: EnvironmentSpec): ConfigProblem[] {
  const region = env.azure && FIC_UNSUPPORTED_REGIONS.get(env.azure.location);
  if (!region) return [];
  const federated = env.workloads.filter((w) => onAzure(w) && trustsFor(w, 'azure', env).some((t) => t.trust.kind === 'oidc')).map((w) => w.name);
  if (!federated.length) return [];
  return [
    {
      path: ['environments', env.name, 'azure', 'location'],
      message:
        `${region} does not support federated identity credentials on user-assigned managed identities (${FIC_CONSIDERATIONS}#unsupported-regions-user-assigned-managed-identities), ` +
        `and ${federated.slice(0, 3).join(', ')}${federated.length > 3 ? ` and ${federated.length - 3} more` : ''} need one: make this environment's identities in a supported region`,
    },
  ];
}

/**
 * Role assignments per subscription, over every environment: each level of each Azure grant is
 * one assignment in the environment's subscription (lib/azure/identity.ts), each extra assignment
 * one in the subscription of its scope (none at a management group scope).
 */
function assignmentProblems(spec: Spec): ConfigProblem[] {
  const bySubscription = new Map<string, { count: number; path: ConfigPath; envs: Set<string> }>();
  const add = (subscription: string, count: number, path: ConfigPath, env: string) => {
    const key = subscription.toLowerCase();
    const entry = bySubscription.get(key) ?? { count: 0, path, envs: new Set<string>() };
    bySubscription.set(key, entry);
    entry.count += count;
    entry.envs.add(env);
  };
  for (const env of spec.environments) {
    if (!env.azure) continue;
    for (const w of env.workloads.filter(onAzure)) {
      const levels = w.grants.filter((g) => g.resource.clouds.azure).reduce((sum, g) => sum + g.levels.length, 0);
      if (levels) add(env.azure.subscriptionId, levels, ['environments', env.name, 'azure', 'subscriptionId'], env.name);
      w.extraAccess.azure.forEach((a, i) => {
        const subscription = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1];
        if (subscription) add(subscription, 1, ['workloads', w.name, 'extraAccess', 'azure', i, 'scope'], env.name);
      });
    }
  }
  const { max, source } = AZURE_IDENTITY_LIMITS.roleAssignmentsPerSubscription;
  return [...bySubscription]
    .filter(([, e]) => e.count > max)
    .map(([subscription, e]) => ({
      path: e.path,
      message:
        `${n(e.count)} role assignments of this config's identities in subscription ${subscription} (environments ${[...e.envs].join(', ')}): ` +
        `Azure allows ${n(max)} per subscription, counting those made outside this config (${source}); split the environments over more subscriptions, or grant fewer levels`,
    }));
}
