/**
 * Extracts the subset of the clouds' built-in role catalogs that the least-privilege proof
 * (`test/access/catalogs.test.ts`) needs, so that the proof runs in every clone.
 *
 * Source: `../shared/reference/` (compacted from github.com/iann0036/iam-dataset, MIT licence).
 * Kept: every role the access tables name, in full, and every permission (GCP) or data action
 * (Azure) of the services the tables touch, so that a custom role's permissions can be checked
 * to exist. Run `npm run catalogs` after changing a kind's GCP or Azure grants (`lib/kinds`).
 *
 * Usage: `tsx test/data/refresh-role-catalogs.ts [reference-dir]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grantTable } from '../../lib/kinds';
import type { AzureRole, CarriedCatalogs, GcpRole } from '../helpers/catalogs';
import { CARRIED_CATALOGS_FILE } from '../helpers/catalogs';

/** Where the full catalogs live beside the project (the team's shared folder). */
export const DEFAULT_REFERENCE_DIR = path.join(__dirname, '..', '..', '..', 'shared', 'reference');

const rulesOf = <R>(table: Readonly<Record<string, Readonly<Record<string, R>>>>): R[] => Object.values(table).flatMap((levels) => Object.values(levels));

/** `storage.objects.delete` -> `storage.` */
const gcpService = (permission: string) => `${permission.split('.')[0]}.`;
/** `Microsoft.KeyVault/vaults/keys/encrypt/action` -> `Microsoft.KeyVault/` */
const azureProvider = (action: string) => `${action.split('/')[0]}/`.toLowerCase();

/** The subset of the full catalogs that the access tables need. */
export function extractCatalogs(gcp: Record<string, GcpRole>, azure: Record<string, AzureRole>): CarriedCatalogs {
  const gcpRules = rulesOf(grantTable('gcp'));
  const azureRules = rulesOf(grantTable('azure'));

  const gcpRoleNames = [...new Set(gcpRules.flatMap((r) => ('role' in r ? [r.role] : [])))].sort();
  const gcpServices = new Set(gcpRules.flatMap((r) => ('custom' in r ? r.custom.permissions.map(gcpService) : [])));
  const gcpPermissions = [...new Set(Object.values(gcp).flatMap((r) => r.permissions))].filter((p) => gcpServices.has(gcpService(p))).sort();

  const azureRoleNames = [...new Set(azureRules.flatMap((r) => ('role' in r ? [r.role] : [])))].sort();
  const azureProviders = new Set(azureRules.flatMap((r) => ('custom' in r ? r.custom.dataActions.map(azureProvider) : [])));
  const azureDataActions = [...new Set(Object.values(azure).flatMap((r) => r.dataActions))].filter((a) => azureProviders.has(azureProvider(a))).sort();

  const pick = <T>(catalog: Record<string, T>, names: string[]) =>
    Object.fromEntries(names.map((n) => {
      if (!catalog[n]) throw new Error(`role "${n}" named in the access tables is not in the full catalog`);
      return [n, catalog[n]];
    }));

  return {
    source: 'github.com/iann0036/iam-dataset (MIT licence), snapshot of 2026-08-22, via shared/reference; refreshed by test/data/refresh-role-catalogs.ts',
    gcp: { roles: pick(gcp, gcpRoleNames), permissions: gcpPermissions },
    azure: { roles: pick(azure, azureRoleNames), dataActions: azureDataActions },
  };
}

/** Reads the full catalogs from `dir`. */
export function readFullCatalogs(dir: string): { gcp: Record<string, GcpRole>; azure: Record<string, AzureRole> } {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return { gcp: read('gcp-roles.json'), azure: read('azure-roles.json') };
}

if (require.main === module) {
  const dir = process.argv[2] ?? DEFAULT_REFERENCE_DIR;
  const { gcp, azure } = readFullCatalogs(dir);
  const carried = extractCatalogs(gcp, azure);
  fs.writeFileSync(CARRIED_CATALOGS_FILE, `${JSON.stringify(carried, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), CARRIED_CATALOGS_FILE)}: ${Object.keys(carried.gcp.roles).length} GCP roles, ${carried.gcp.permissions.length} GCP permissions, ${Object.keys(carried.azure.roles).length} Azure roles, ${carried.azure.dataActions.length} Azure data actions`);
}
