import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSpec } from '../../lib/config/load';
import { configSchema } from '../../lib/config/schema';
import { SCHEMA_FILE } from '../../lib/config/write-schema';
import { buildApp } from '../../stacks/app';
import { CARRIED_EXAMPLE } from '../data/check-shared';

/** The contract's example (DESIGN.md), carried in the project; `npm run check-shared` checks the copy against DESIGN.md. */
describe('the config contract', () => {
  it('ships the JSON Schema that the loader uses (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(configSchema);
  });

  it('loads and synthesizes the DESIGN.md example exactly as written', () => {
    const yaml = fs.readFileSync(CARRIED_EXAMPLE, 'utf8');
    expect(yaml).toContain('app: payments');
    const spec = parseSpec(yaml, 'DESIGN.md');
    const { stacks } = buildApp(spec, { outdir: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wi-')) });
    expect(stacks.map((s) => s.node.id)).toEqual(['payments-dev', 'payments-prod']);
    const renderer = spec.environments[0].workloads.find((w) => w.name === 'invoice-renderer');
    expect(renderer?.clouds).toEqual(['aws', 'gcp', 'azure']);
  });
});
