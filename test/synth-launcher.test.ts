/**
 * bin/synth.cjs, cdktf.json's app: runs main.ts as a bundle named by a hash of the sources. In
 * a copy of the project (its own node_modules/.cache), an edit must reach the next synth, an
 * unchanged tree must reuse its bundle, and older bundles must go.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** A copy of the sources, with node_modules holding links to the project's packages. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-launcher-'));
  for (const entry of ['main.ts', 'tsconfig.json', 'cdktf.json', 'lib', 'stacks', 'bin', 'examples']) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const pkg of fs.readdirSync(path.join(ROOT, 'node_modules')).filter((p) => p !== '.cache')) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', pkg), path.join(dir, 'node_modules', pkg));
  }
  return dir;
}

/** Runs the launcher on the smallest example: what is tested is the launcher, not the synth. */
function run(dir: string) {
  return spawnSync(process.execPath, ['bin/synth.cjs'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, IDENTITY_CONFIG: path.join(dir, 'examples', 'aws-only.yaml'), CDKTF_OUTDIR: path.join(dir, 'out') },
  });
}

function synth(dir: string) {
  const result = run(dir);
  expect([result.status, result.stderr]).toEqual([0, '']);
  return { stdout: result.stdout, bundles: fs.readdirSync(path.join(dir, 'node_modules', '.cache', 'workload-identity')).filter((f) => f.startsWith('app-')).sort() };
}

describe('bin/synth.cjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds a bundle, reuses it while the sources are unchanged, and rebuilds on an edit', () => {
    const first = synth(dir);
    expect(first.stdout).toMatch(/guardrails: 0 error/);
    expect(first.bundles).toEqual([expect.stringMatching(/^app-[0-9a-f]{16}\.cjs$/), expect.stringMatching(/^app-[0-9a-f]{16}\.cjs\.map$/)]);
    expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['ledger-prod', 'ledger-staging']);

    const bundle = path.join(dir, 'node_modules', '.cache', 'workload-identity', first.bundles[0]);
    const builtAt = fs.statSync(bundle).mtimeMs;
    expect(synth(dir).bundles).toEqual(first.bundles);
    expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);

    const main = path.join(dir, 'main.ts');
    fs.appendFileSync(main, "\nprocess.stdout.write('edited\\n');\n");
    const edited = synth(dir);
    expect(edited.stdout).toMatch(/edited\n$/);
    expect(edited.bundles).toHaveLength(2);
    expect(edited.bundles).not.toContain(first.bundles[0]);
  }, 60_000);

  it('runs main.ts through tsx when the cache cannot be written', () => {
    const readOnly = copyProject();
    try {
      // A file where the cache directory would be: creating it fails, as on a read-only install.
      fs.writeFileSync(path.join(readOnly, 'node_modules', '.cache'), '');
      const result = run(readOnly);
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(/guardrails: 0 error/);
      expect(fs.readdirSync(path.join(readOnly, 'out', 'stacks')).sort()).toEqual(['ledger-prod', 'ledger-staging']);
    } finally {
      fs.rmSync(readOnly, { recursive: true, force: true });
    }
  }, 60_000);
});
