/**
 * The clouds' built-in role catalogs from `../shared/reference/` (next to the project root).
 * Absent on a user's machine: tests that need them skip and print why.
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

const REFERENCE_DIR = path.join(__dirname, '..', '..', '..', 'shared', 'reference');

function read<T>(file: string): T | undefined {
  const full = path.join(REFERENCE_DIR, file);
  return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as T) : undefined;
}

export const gcpRoles = read<Record<string, GcpRole>>('gcp-roles.json');
export const azureRoles = read<Record<string, AzureRole>>('azure-roles.json');

/** Why catalog tests cannot run here, or undefined. */
export const catalogSkip = gcpRoles && azureRoles ? undefined : `no role catalogs at ${REFERENCE_DIR}`;

/** `describe`, or a skipped one that prints why. */
export function describeWithCatalogs(name: string, fn: () => void): void {
  if (catalogSkip) {
    describe.skip(`${name} (skipped: ${catalogSkip})`, fn);
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${catalogSkip}`);
  } else {
    describe(name, fn);
  }
}

/** Whether an Azure action pattern (with `*` wildcards, case-insensitive) covers `action`. */
export function azureActionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}
