/** The app as `cdktf synth` runs it (cdktf.json's `app`): a child process reading IDENTITY_CONFIG. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appCommand } from '../bench/measure';

const ROOT = path.join(__dirname, '..');

function runApp(configText: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-main-'));
  const file = path.join(dir, 'identity.yaml');
  fs.writeFileSync(file, configText);
  const outdir = path.join(dir, 'out');
  const result = spawnSync(process.execPath, appCommand(), {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, IDENTITY_CONFIG: file, CDKTF_OUTDIR: outdir },
  });
  return { ...result, outdir };
}

describe('main.ts', () => {
  it('exits 1 on a bad config, prints every problem without a stack trace, and writes nothing', () => {
    const good = fs.readFileSync(path.join(ROOT, 'examples', 'identity.yaml'), 'utf8');
    const bad = good.replace('owner: team-platform', 'owner: team-platform\n    colour: blue').replace('{ resource: invoices, allow: [read] }', '{ resource: invoices, allow: [rwx] }');
    const { status, stderr, outdir } = runApp(bad);
    expect(status).toBe(1);
    expect(stderr).toMatch(/identity\.yaml: 2 problems in the config/);
    expect(stderr).toMatch(/workloads\.deployer\.colour: unknown field/);
    expect(stderr).toMatch(/workloads\.deployer\.access\[0\]\.allow\[0\]: "rwx" is not one of read, write, delete/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(outdir)).toBe(false);
  }, 60_000);

  it('synthesizes one stack per environment for a good config', () => {
    const { status, stderr, outdir } = runApp(fs.readFileSync(path.join(ROOT, 'examples', 'aws-only.yaml'), 'utf8'));
    expect([status, stderr]).toEqual([0, '']);
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['ledger-prod', 'ledger-staging']);
    // Each environment is synthesized by an app of its own: the manifest the CLI reads must still list every stack.
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(['ledger-prod', 'ledger-staging']);
    for (const stack of Object.values(manifest.stacks)) expect(fs.existsSync(path.join(outdir, stack.synthesizedStackPath))).toBe(true);
  }, 60_000);
});
