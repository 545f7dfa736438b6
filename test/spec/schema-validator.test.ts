import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CACHE_DIR } from '../../lib/project-root';
import { loadValidator } from '../../lib/config/schema-validator';
import { example } from '../helpers/synth';

describe('the cached schema validator', () => {
  // In the project cache, where the standalone code finds the Ajv runtime it requires.
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(CACHE_DIR, 'test-validator-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const good = parse(example('identity.yaml')) as Record<string, unknown>;
  const bad = { ...good, colour: 'blue', environments: { dev: { monitoring: 'none' } } };

  it('is compiled and written on first use, then read back, and both judge configs alike', () => {
    const compiled = loadValidator(dir);
    const written = fs.readdirSync(dir);
    expect(written).toEqual([expect.stringMatching(/^config-validator-[0-9a-f]{16}\.cjs$/)]);
    const cached = loadValidator(dir);
    expect(cached).not.toBe(compiled);
    expect(fs.readdirSync(dir)).toEqual(written);

    expect([compiled(good), cached(good)]).toEqual([true, true]);
    expect(compiled(bad)).toBe(false);
    const errors = compiled.errors?.map((e) => [e.instancePath, e.keyword, e.params, (e.parentSchema as { description?: string })?.description]);
    expect(cached(bad)).toBe(false);
    expect(cached.errors?.map((e) => [e.instancePath, e.keyword, e.params, (e.parentSchema as { description?: string })?.description])).toEqual(errors);
    expect(errors?.length).toBeGreaterThan(1);
  });

  it('compiles in memory when the cache cannot be written', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-validator-')), 'not-a-directory');
    fs.writeFileSync(file, '');
    const validate = loadValidator(path.join(file, 'cache'));
    expect(validate(good)).toBe(true);
  });
});
