/**
 * The subset of the clouds' built-in role catalogs that the least-privilege proof needs,
 * carried in the project (`test/data/role-catalogs.json`, made by
 * `test/data/refresh-role-catalogs.ts` from github.com/iann0036/iam-dataset, MIT licence),
 * so that the proof runs in every clone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GcpRole {
  readonly title: string;
  readonly stage: string;
  readonly permissions: readonly string[];
}

export interface AzureRole {
  readonly id: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

/** What the project carries: the roles the access tables name, and the known permissions of their services. */
export interface CarriedCatalogs {
  readonly source: string;
  readonly gcp: { readonly roles: Record<string, GcpRole>; readonly permissions: readonly string[] };
  readonly azure: { readonly roles: Record<string, AzureRole>; readonly dataActions: readonly string[] };
}

export const CARRIED_CATALOGS_FILE = path.join(__dirname, '..', 'data', 'role-catalogs.json');

/** The carried catalogs. */
export const readCarriedCatalogs = (): CarriedCatalogs => JSON.parse(fs.readFileSync(CARRIED_CATALOGS_FILE, 'utf8'));

/** Whether an Azure action pattern (with `*` wildcards, case-insensitive) covers `action`. */
export function azureActionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}
