/**
 * The carried catalog subset is what the refresh script extracts from the full catalogs. The
 * full catalogs live in the team's shared folder, not in the project: where they are absent
 * (a user's clone) this freshness check skips and says why; the proof itself
 * (`test/access/catalogs.test.ts`) runs on the carried subset everywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCarriedCatalogs } from '../helpers/catalogs';
import { DEFAULT_REFERENCE_DIR, extractCatalogs, readFullCatalogs } from './refresh-role-catalogs';

const present = fs.existsSync(path.join(DEFAULT_REFERENCE_DIR, 'gcp-roles.json')) && fs.existsSync(path.join(DEFAULT_REFERENCE_DIR, 'azure-roles.json'));
const why = `the full catalogs are not at ${DEFAULT_REFERENCE_DIR}`;
if (!present) console.warn(`skipping the catalog freshness check: ${why}`);

describe('the carried role catalogs', () => {
  it('name every role the access tables use (run `npm run catalogs` after changing them)', () => {
    const carried = readCarriedCatalogs();
    const { gcp, azure } = carried;
    // The extraction throws on a role that the full catalog lacks; here, on a role the carried file lacks.
    expect(() => extractCatalogs(gcp.roles, azure.roles)).not.toThrow();
  });

  (present ? it : it.skip)(`match what the refresh script extracts from the full catalogs${present ? '' : ` (skipped: ${why})`}`, () => {
    const { gcp, azure } = readFullCatalogs(DEFAULT_REFERENCE_DIR);
    expect(readCarriedCatalogs()).toEqual(extractCatalogs(gcp, azure));
  });
});
