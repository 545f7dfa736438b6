import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appCommand } from '../../bench/measure';

describe('main.ts on a bad config, as a user runs it', () => {
  it('prints the problems with their paths, no stack trace, exits 1 and writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-cli-'));
    const config = path.join(dir, 'bad.yaml');
    fs.writeFileSync(config, 'app: x\nenvironments: { dev: { monitoring: { notify: [a@b.co] } } }\nworkloads:\n  w:\n    description: "${var.secret}"\n');
    const outdir = path.join(dir, 'out');
    const run = spawnSync(process.execPath, appCommand(), {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, IDENTITY_CONFIG: config, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('workloads.w.description');
    expect(run.stderr).toContain('workloads.w.owner: is required');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(outdir, 'stacks'))).toBe(false);
  });
});
