/**
 * Fault tests of the output directory, run as cdktf-cli runs the app (cdktf.json's `app`, with
 * CDKTF_OUTDIR): the synth is killed (SIGKILL, SIGTERM), its disk fills (a write hook, and a real
 * small tmpfs), its folder turns read-only (a hook, and a real tmpfs remounted read-only) at
 * points spread over a whole synth; then what `cdktf deploy` would find is checked. cdktf-cli
 * reads manifest.json and deploys the stacks it lists (node_modules/@cdktf/cli-core/src/lib/
 * synth-stack.js, readSynthesizedStacks), so the manifest must be absent, or list exactly the
 * stacks of one complete, checked run, each file byte for byte as that run wrote it; and a local
 * stack's Terraform state must survive everything.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { appCommand } from '../../bench/measure';

const ROOT = path.join(__dirname, '..', '..');
const FAULTS = path.join(ROOT, 'test', 'helpers', 'fs-faults.cjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-faults-'));

/** The previous config (two environments) and the new one (three, and a changed description). */
const OLD = fs.readFileSync(path.join(ROOT, 'examples', 'aws-only.yaml'), 'utf8');
const NEW = (() => {
  const doc = parse(OLD) as { environments: Record<string, unknown>; workloads: Record<string, { description: string }> };
  doc.environments.qa = { aws: { accountId: '555555555555', region: 'eu-west-1' }, monitoring: { notify: ['platform@example.com'] } };
  doc.workloads.api.description = 'Ledger API on ECS, version 2';
  return stringify(doc);
})();
/** A config the guardrails fail (WI-AWS-001: a wildcard action). */
const FAILING = (() => {
  const doc = parse(OLD) as { workloads: Record<string, Record<string, unknown>> };
  doc.workloads.api.extraAccess = { aws: [{ Effect: 'Allow', Action: ['s3:*'], Resource: 'arn:aws:s3:::acme-ledger-statements-{env}/*' }] };
  return stringify(doc);
})();
const configs = Object.fromEntries(
  Object.entries({ old: OLD, new: NEW, failing: FAILING }).map(([name, text]) => {
    const file = path.join(work, `${name}.yaml`);
    fs.writeFileSync(file, text);
    return [name, file];
  }),
) as Record<'old' | 'new' | 'failing', string>;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the app as cdktf-cli does; `faults` are WI_FAULT_* settings of fs-faults.cjs. */
function runApp(config: string, outdir: string, faults: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, Object.keys(faults).length ? ['--require', FAULTS, ...appCommand()] : appCommand(), {
      cwd: ROOT,
      env: { ...process.env, IDENTITY_CONFIG: config, CDKTF_OUTDIR: outdir, WI_FAULT_UNDER: outdir, ...faults },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

/** Runs `jobs` two at a time (the machine has two cores). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return results;
}

type Output = Map<string, Buffer>;
/** Every stack file a manifest lists, by stack name; undefined when there is no manifest. */
function deployable(outdir: string): Output | undefined {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return new Map(Object.entries(manifest.stacks).map(([name, s]) => [name, fs.readFileSync(path.join(outdir, s.synthesizedStackPath))]));
}

const references: Partial<Record<'old' | 'new', Output>> = {};

/** Which complete run `cdktf deploy` would find in `outdir`: none, or one of `allowed`; throws on anything else. */
function whatDeployWouldFind(outdir: string, allowed: readonly ('old' | 'new')[]): 'none' | 'old' | 'new' {
  const found = deployable(outdir);
  if (!found) return 'none';
  for (const name of allowed) {
    const ref = references[name] as Output;
    if (found.size === ref.size && [...ref].every(([stack, json]) => found.get(stack)?.equals(json))) return name;
  }
  throw new Error(`the manifest in ${outdir} lists ${[...found.keys()].join(', ')}, which is not one complete run of ${allowed.join(' or ')}`);
}

const STATE = 'terraform.ledger-prod.tfstate';
/** A fresh output directory holding the old config's output (as its synth wrote it) and a local Terraform state. */
async function withOldOutput(name: string, parent = work): Promise<string> {
  const outdir = path.join(parent, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.cpSync(path.join(work, 'ref-old'), outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', 'ledger-prod', STATE), '{"version": 4}');
  return outdir;
}

function expectOneLineFailure(run: Run): void {
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).toMatch(/^\S+: cannot [a-z ]+(?: to \S+)?: .+ \(E[A-Z]+\)$/m);
}

function expectStateKept(outdir: string): void {
  expect(fs.readFileSync(path.join(outdir, 'stacks', 'ledger-prod', STATE), 'utf8')).toBe('{"version": 4}');
}

/** Operations a clean synth of the new config makes in its output directory (counted by fs-faults.cjs). */
let operations = 0;

beforeAll(async () => {
  const counted = path.join(work, 'count');
  const [old, fresh] = await Promise.all([runApp(configs.old, path.join(work, 'ref-old')), runApp(configs.new, path.join(work, 'ref-new'), { WI_FAULT_COUNT: counted })]);
  expect([old.status, fresh.status]).toEqual([0, 0]);
  references.old = deployable(path.join(work, 'ref-old'));
  references.new = deployable(path.join(work, 'ref-new'));
  operations = Number(fs.readFileSync(counted, 'utf8'));
  expect(references.new?.size).toBe(3);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `n` fault points spread over the whole synth, the first and the last operation included. */
const spread = (n: number) => [...new Set(Array.from({ length: n }, (_, i) => 1 + Math.round((i * (operations - 1)) / (n - 1))))];

describe('what cdktf deploy finds after a synth that fails part-way', () => {
  it('killed (SIGKILL, SIGTERM) at any point: the previous output, or the new one once committed; state kept', async () => {
    // Killed at the first, the middle and the last operation; terminated (SIGTERM) in the middle.
    const points = [...spread(3).map((at) => ['kill', at] as const), ['term', spread(3)[1] - 1] as const];
    const found = await inPairs(
      points.map(([fault, at]) => async () => {
        const outdir = await withOldOutput(`${fault}-${at}`);
        const run = await runApp(configs.new, outdir, { WI_FAULT: fault, WI_FAULT_AT: String(at) });
        expect(run.signal).toBe(fault === 'kill' ? 'SIGKILL' : 'SIGTERM');
        expectStateKept(outdir);
        return whatDeployWouldFind(outdir, ['old', 'new']);
      }),
    );
    // Killed before the commit, the previous output is untouched; during it, no manifest; after it, the new output.
    const [first, , last] = found;
    expect(first).toBe('old');
    expect(last).not.toBe('old');
  }, 120_000);

  it.each([
    ['a full disk (ENOSPC at one operation)', { WI_FAULT: 'enospc' }],
    ['a folder turning read-only (EROFS from then on)', { WI_FAULT: 'erofs', WI_FAULT_PERSIST: '1' }],
    ['a folder without permission (EACCES from then on)', { WI_FAULT: 'eacces', WI_FAULT_PERSIST: '1' }],
  ])('%s: one line naming the file, exit 1, and nothing of the failed run deployable', async (_what, faults) => {
    // A fault that persists is met at the first operation and at every one after the middle: one point each.
    const points = faults.WI_FAULT === 'enospc' ? spread(3).slice(0, -1) : [spread(3)[1]];
    const found = await inPairs(
      points.map((at) => async () => {
        const outdir = await withOldOutput(`${faults.WI_FAULT}-${at}`);
        const run = await runApp(configs.new, outdir, { ...faults, WI_FAULT_AT: String(at) });
        expectOneLineFailure(run);
        expectStateKept(outdir);
        return whatDeployWouldFind(outdir, ['old']);
      }),
    );
    // A folder that still accepts changes is withdrawn (an earlier config's stacks must not pass as this one's).
    if (faults.WI_FAULT === 'enospc') expect(found).toEqual(found.map(() => 'none'));
  }, 120_000);

  it('a disk that fills mid-file (a stack or the manifest written in part) leaves nothing of the failed run', async () => {
    const size = [...(references.new as Output).values()].reduce((n, b) => n + b.length, 0);
    const found = await inPairs(
      [1000, size + 200].map((bytes) => async () => {
        const outdir = await withOldOutput(`bytes-${bytes}`);
        const run = await runApp(configs.new, outdir, { WI_FAULT_BYTES: String(bytes) });
        expectOneLineFailure(run);
        expect(run.stderr).toContain('no space left on device (ENOSPC)');
        expectStateKept(outdir);
        return whatDeployWouldFind(outdir, ['old']);
      }),
    );
    expect(found).toEqual(['none', 'none']);
  }, 120_000);

  it('a config error or a guardrail failure withdraws the previous stacks (they are not this config\'s), keeps the state', async () => {
    const broken = path.join(work, 'broken.yaml');
    fs.writeFileSync(broken, OLD.replace('owner: team-ledger', 'owner: Team Ledger!'));
    for (const [config, name] of [[broken, 'config-error'], [configs.failing, 'guardrail-failure']] as const) {
      const outdir = await withOldOutput(name);
      const run = await runApp(config, outdir);
      expect(run.status).toBe(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(whatDeployWouldFind(outdir, [])).toBe('none');
      expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['ledger-prod']);
      expectStateKept(outdir);
      // The guardrail failure's reports are there to read; the config error's output has none (no guardrails ran).
      expect(fs.existsSync(path.join(outdir, 'guardrails', 'guardrails.md'))).toBe(name === 'guardrail-failure');
    }
  }, 120_000);

  it('two synths into one folder at once: the manifest lists one whole run, never a mix', async () => {
    for (let round = 0; round < 1; round++) {
      const outdir = await withOldOutput(`concurrent-${round}`);
      const runs = await Promise.all([runApp(configs.new, outdir), runApp(configs.old, outdir)]);
      expect(runs.map((r) => r.status)).toEqual([0, 0]);
      expect(['old', 'new']).toContain(whatDeployWouldFind(outdir, ['old', 'new']));
      expect(fs.readdirSync(outdir).filter((f) => f.startsWith('.'))).toEqual([]);
    }
  }, 120_000);

  it('the next synth removes what a killed one left (its staging folder)', async () => {
    const outdir = await withOldOutput('cleanup');
    expect((await runApp(configs.new, outdir, { WI_FAULT: 'kill', WI_FAULT_AT: String(Math.round(operations / 2)) })).signal).toBe('SIGKILL');
    expect(fs.readdirSync(outdir).some((f) => f.startsWith('.staging-'))).toBe(true);
    expect((await runApp(configs.new, outdir)).status).toBe(0);
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(whatDeployWouldFind(outdir, ['new'])).toBe('new');
  }, 120_000);
});

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); the reason when not. */
function tmpfsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root';
  const probe = fs.mkdtempSync(path.join(work, 'probe-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { encoding: 'utf8' });
  if (mounted.status !== 0) return `mount -t tmpfs failed: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  spawnSync('umount', [probe]);
  return undefined;
}

describe('on a real small file system (tmpfs)', () => {
  const unavailable = tmpfsUnavailable();
  if (unavailable) {
    it('is skipped', () => console.warn(`tmpfs fault tests skipped: ${unavailable}; the write-hook tests above cover the same faults`));
    return;
  }
  const mountpoint = path.join(work, 'tmpfs');
  fs.mkdirSync(mountpoint);
  const mount = (options: string) => expect(spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountpoint]).status).toBe(0);
  afterEach(() => void spawnSync('umount', [mountpoint]));

  it('a full disk: one line, exit 1, the failed run never deployable, the state kept', async () => {
    const size = [...(references.new as Output).values()].reduce((n, b) => n + b.length, 0);
    mount('size=1m');
    const outdir = await withOldOutput('cdktf.out', mountpoint);
    // Leave room for half the new output.
    const free = Number(spawnSync('df', ['--output=avail', '-B1', mountpoint], { encoding: 'utf8' }).stdout.trim().split('\n').pop());
    fs.writeFileSync(path.join(mountpoint, 'filler'), Buffer.alloc(Math.max(0, free - Math.round(size / 2))));
    const run = await runApp(configs.new, outdir);
    expectOneLineFailure(run);
    expect(run.stderr).toContain('(ENOSPC)');
    expect(whatDeployWouldFind(outdir, ['old'])).toBe('none');
    expectStateKept(outdir);
  }, 120_000);

  it('remounted read-only mid-synth: one line, exit 1, the previous output untouched', async () => {
    const found = [];
    for (const at of [Math.round(operations / 3), Math.round((operations * 2) / 3)]) {
      mount('size=4m');
      const outdir = await withOldOutput('cdktf.out', mountpoint);
      const run = await runApp(configs.new, outdir, { WI_FAULT: 'remount-ro', WI_FAULT_AT: String(at), WI_FAULT_MOUNT: mountpoint });
      expectOneLineFailure(run);
      expect(run.stderr).toContain('read-only file system (EROFS)');
      expectStateKept(outdir);
      found.push(whatDeployWouldFind(outdir, ['old']));
      spawnSync('umount', [mountpoint]);
    }
    // Read-only before the commit: nothing could be withdrawn, and the previous, checked output stays; during the commit, no manifest.
    expect(found[0]).toBe('old');
    expect(['old', 'none']).toContain(found[1]);
  }, 120_000);
});
