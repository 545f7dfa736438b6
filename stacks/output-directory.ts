/**
 * The output directory `cdktf deploy` reads, changed only in ways that never leave something
 * unsafe to deploy. cdktf-cli runs the app with CDKTF_OUTDIR, then reads `manifest.json` and
 * runs Terraform in each listed stack's folder (node_modules/@cdktf/cli-core/src/lib/synth-stack.js).
 * Those folders are also Terraform's: a local-backend stack keeps its state,
 * `terraform.<stack>.tfstate`, and `.terraform/` there. So the directory is never replaced as a
 * whole; only our files in it are (`manifest.json`, each stack's `cdk.tf.json` and
 * `metadata.json`, the `guardrails/` reports, the `wiring/` of the stacks).
 *
 * A synth builds everything in a staging directory inside the output directory (`.staging-*`:
 * the same file system even when the output directory is a mount point, so moving a file is an
 * atomic rename), checks it, then commits it: it removes the
 * old manifest first, moves the new stack files into place, and renames the new manifest in
 * last. Whatever stops the process at any point (a crash, kill -9, a full disk, a read-only
 * folder), the output directory then holds the previous manifest with the previous stacks,
 * or no manifest, or the new manifest with the new, checked stacks: never a manifest listing a
 * stack that is truncated, unchecked, or of another run. The wiring goes with the stacks: it is
 * withdrawn with the old manifest and moved in, whole, just before the new one, so a manifest
 * is only ever beside the wiring of its own stacks (or none). Commits and withdrawals take a lock
 * file (`.lock`) in the output directory, so two synths into one folder never mix their stacks.
 * Staging directories of killed runs are removed by the next synth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const MANIFEST = 'manifest.json';
const STACKS = 'stacks';
const REPORTS = 'guardrails';
/** Generated wiring, one Markdown file and one JSON file per stack (lib/wiring). */
export const WIRING = 'wiring';
/** The files cdktf writes into a stack's folder (cdktf/lib/manifest.js: stackFileName, stackMetadataPath). */
const STACK_FILES = ['cdk.tf.json', 'metadata.json'] as const;
/** How long a synth waits for another one's commit before giving up. */
const LOCK_TIMEOUT_MS = 60_000;
const LOCK_POLL_MS = 50;

/** A synth's private build directory, and the output directory it is for. */
export interface Staging {
  readonly outdir: string;
  readonly dir: string;
}

/** Our private entries in the output directory (cdktf-cli only looks at `manifest.json` and `stacks/`). */
const STAGING_PREFIX = '.staging-';
const LOCK = '.lock';
const OLD_PREFIX = '.old-';

/** Creates a fresh staging directory in `outdir` (removing those of dead synths). */
export function stageOutput(outdir: string): Staging {
  fs.mkdirSync(outdir, { recursive: true });
  removeStaleStagings(outdir);
  return { outdir, dir: fs.mkdtempSync(path.join(outdir, `${STAGING_PREFIX}${process.pid}-`)) };
}

/** Removes a staging directory; best effort (a read-only folder keeps it, and the next synth removes it). */
export function discardStaging(staging: Staging): void {
  try {
    fs.rmSync(staging.dir, { recursive: true, force: true });
  } catch {
    // Removed by the next synth (removeStaleStagings).
  }
}

/**
 * Moves a staged synth into the output directory. When `deployable` is false (the guardrails
 * failed), only its reports are moved: the previous manifest and stack files are withdrawn,
 * so nothing of an earlier config is left to pass as this one's.
 */
export function commitOutput(staging: Staging, deployable: boolean): void {
  const { outdir, dir } = staging;
  withLock(outdir, () => {
    const stacks = deployable ? readdir(path.join(dir, STACKS)) : [];
    // The old manifest goes first: from here on, until the new one is in place, nothing is listed.
    withdrawStacks(outdir, new Set(stacks));
    for (const stack of stacks) {
      const target = path.join(outdir, STACKS, stack);
      fs.mkdirSync(target, { recursive: true });
      for (const file of readdir(path.join(dir, STACKS, stack))) {
        const from = path.join(dir, STACKS, stack, file);
        syncFile(from);
        fs.renameSync(from, path.join(target, file));
      }
    }
    replaceDirectory(path.join(dir, REPORTS), path.join(outdir, REPORTS));
    if (deployable) {
      for (const file of readdir(path.join(dir, WIRING))) syncFile(path.join(dir, WIRING, file));
      replaceDirectory(path.join(dir, WIRING), path.join(outdir, WIRING));
      syncFile(path.join(dir, MANIFEST));
      fs.renameSync(path.join(dir, MANIFEST), path.join(outdir, MANIFEST));
    }
  });
  discardStaging(staging);
}

/**
 * Leaves nothing deployable in `outdir` (after a config error or a failed synth): the manifest,
 * every stack file and the reports (of an earlier config) go; Terraform's own files (state,
 * `.terraform/`) stay.
 */
export function withdrawOutput(outdir: string): void {
  if (!fs.existsSync(outdir)) return;
  // First, without the lock (it needs a file, which a full disk refuses): with no manifest, nothing is
  // deployable, whatever another synth is doing (its commit renames its own manifest in afterwards).
  fs.rmSync(path.join(outdir, MANIFEST), { force: true });
  withLock(outdir, () => {
    withdrawStacks(outdir, new Set());
    fs.rmSync(path.join(outdir, REPORTS), { recursive: true, force: true });
  });
}

/** Removes the manifest and the wiring, then the stack files of every stack not in `keep`, and folders left empty. */
function withdrawStacks(outdir: string, keep: ReadonlySet<string>): void {
  fs.rmSync(path.join(outdir, MANIFEST), { force: true });
  fs.rmSync(path.join(outdir, WIRING), { recursive: true, force: true });
  for (const stack of readdir(path.join(outdir, STACKS))) {
    if (keep.has(stack)) continue;
    const folder = path.join(outdir, STACKS, stack);
    for (const file of STACK_FILES) fs.rmSync(path.join(folder, file), { force: true });
    if (readdir(folder).length === 0) fs.rmdirSync(folder);
  }
}

/** Puts directory `from` at `to`, replacing what was there (removed once it is out of the way). */
function replaceDirectory(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  const old = path.join(path.dirname(to), `${OLD_PREFIX}${path.basename(to)}-${process.pid}`);
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(to)) fs.renameSync(to, old);
  fs.renameSync(from, to);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Entry names of a directory; none when it does not exist. */
function readdir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Flushes a file to disk, so the manifest is never renamed in before the stacks it lists are written. */
function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the staging directories of synths that are no longer running (killed ones). */
function removeStaleStagings(outdir: string): void {
  for (const name of readdir(outdir)) {
    const prefix = [STAGING_PREFIX, OLD_PREFIX].find((p) => name.startsWith(p));
    const pid = prefix ? Number(/-(\d+)(?:-[^-]*)?$/.exec(name)?.[1]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(outdir, name), { recursive: true, force: true });
  }
}

/** How long a lock file may stay empty (its holder killed between creating and writing it). */
const EMPTY_LOCK_GRACE_MS = 5_000;

/**
 * Who holds a lock file: a pid, `stale` (no pid long after creation, or our own pid: a removal
 * that failed, as withLock is not re-entered), or `retry` (just released).
 */
function lockHolder(lock: string): number | 'stale' | 'retry' {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) return pid === process.pid ? 'stale' : pid;
    return Date.now() - fs.statSync(lock).mtimeMs > EMPTY_LOCK_GRACE_MS ? 'stale' : 'retry';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'retry';
    throw err;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the output directory's lock file (taken over from a dead holder). */
function withLock(outdir: string, fn: () => void): void {
  const lock = path.join(outdir, LOCK);
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(lock);
      if (holder === 'stale' || (holder !== 'retry' && !isAlive(holder))) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw Object.assign(new Error(`another synth holds the lock (pid ${holder})`), { code: 'ELOCKED', path: lock });
      else sleep(LOCK_POLL_MS);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
