/**
 * The carried catalog subset names every role the access tables use. Whether it is still what
 * the refresh script extracts from the full catalogs (in the team's shared folder, not in the
 * project) is checked by `npm run check-shared`, outside the suite; the proof itself
 * (`test/access/catalogs.test.ts`) runs on the carried subset everywhere.
 */
import { readCarriedCatalogs } from '../helpers/catalogs';
import { extractCatalogs } from './refresh-role-catalogs';

describe('the carried role catalogs', () => {
  it('name every role the access tables use (run `npm run catalogs` after changing them)', () => {
    const { gcp, azure } = readCarriedCatalogs();
    // The extraction throws on a role that the full catalog lacks; here, on a role the carried file lacks.
    expect(() => extractCatalogs(gcp.roles, azure.roles)).not.toThrow();
  });
});
