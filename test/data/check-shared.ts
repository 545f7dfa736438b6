/**
 * Checks what the project carries from the team's shared folder (`../shared`) against it: the
 * role catalog subset (`test/data/role-catalogs.json`) is what `npm run catalogs` extracts from
 * the full catalogs, and `test/data/design-example.yaml` is DESIGN.md's example as written.
 * The test suite runs on the carried copies in every clone; this freshness check needs the
 * shared folder and fails, saying so, where it is absent.
 *
 * Usage: `npm run check-shared` (`tsx test/data/check-shared.ts [shared-dir]`).
 */
import { isDeepStrictEqual } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCarriedCatalogs } from '../helpers/catalogs';
import { extractCatalogs, readFullCatalogs } from './refresh-role-catalogs';

/** The team's shared folder, beside the project. */
export const DEFAULT_SHARED_DIR = path.join(__dirname, '..', '..', '..', 'shared');

/** The project's copy of DESIGN.md's example config. */
export const CARRIED_EXAMPLE = path.join(__dirname, 'design-example.yaml');

/** The first YAML block of a Markdown text: DESIGN.md's example. */
export const designExample = (markdown: string): string => /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';

/** What is stale in the carried copies, one line each; empty when both match `sharedDir`. */
export function staleCopies(sharedDir: string): string[] {
  const needed = ['reference/gcp-roles.json', 'reference/azure-roles.json', 'DESIGN.md'].filter((f) => !fs.existsSync(path.join(sharedDir, f)));
  if (needed.length) throw new Error(`the shared folder ${sharedDir} lacks ${needed.join(', ')}: this check needs it (the test suite does not)`);
  const stale: string[] = [];
  const { gcp, azure } = readFullCatalogs(path.join(sharedDir, 'reference'));
  if (!isDeepStrictEqual(readCarriedCatalogs(), extractCatalogs(gcp, azure))) stale.push('test/data/role-catalogs.json differs from the full catalogs\' subset: run `npm run catalogs`');
  if (fs.readFileSync(CARRIED_EXAMPLE, 'utf8') !== designExample(fs.readFileSync(path.join(sharedDir, 'DESIGN.md'), 'utf8'))) {
    stale.push('test/data/design-example.yaml is not DESIGN.md\'s example as written: copy it again');
  }
  return stale;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? DEFAULT_SHARED_DIR);
  try {
    const stale = staleCopies(dir);
    for (const line of stale) console.error(line);
    if (stale.length) process.exitCode = 1;
    else console.log(`the carried role catalogs and DESIGN.md example match ${dir}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
