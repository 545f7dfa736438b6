import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSpec } from '../../lib/config/load';
import { configSchema } from '../../lib/spec/schema';
import { SCHEMA_FILE } from '../../lib/spec/write-schema';
import { buildApp } from '../../stacks/app';

const DESIGN = path.join(__dirname, '..', '..', '..', 'shared', 'DESIGN.md');
/** The contract's example, carried in the project so that it is checked in every clone. */
const CARRIED_EXAMPLE = path.join(__dirname, '..', 'data', 'design-example.yaml');
const designExample = (markdown: string) => /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';

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

  const design = fs.existsSync(DESIGN) ? fs.readFileSync(DESIGN, 'utf8') : undefined;
  if (!design) console.warn(`skipping the check that test/data/design-example.yaml is DESIGN.md's example: ${DESIGN} is absent`);
  (design ? it : it.skip)(`carries DESIGN.md's example as written${design ? '' : ` (skipped: ${DESIGN} is absent)`}`, () => {
    expect(fs.readFileSync(CARRIED_EXAMPLE, 'utf8')).toBe(designExample(design ?? ''));
  });
});
