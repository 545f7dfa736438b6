/**
 * A git ref as review base: the config as it is at that ref, synthesized.
 *
 * The config (IDENTITY_CONFIG, relative to the working directory or absolute; default the
 * embedded example) must lie inside the git repository: its repository-relative path is read at
 * the ref with git. A config outside the repository is refused (its base cannot be known); a
 * config missing at the ref gives an empty base, said as such (every identity counts as new).
 *
 * Which code synthesizes it: when the repository is this project's own, the ref's code, checked
 * out into a temporary worktree that borrows this checkout's node_modules (a symlink: installing
 * again would take a minute); otherwise (a repository holding only configs) this checkout's code.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import { DEFAULT_CONFIG } from '../config/load';
import { MAX_CONFIG_BYTES } from '../config/read-config-file';

/** The synthesis of a ref: its output dir, and a function that deletes it. */
export interface RefSynthesis {
  readonly dir: string;
  /** Set when the ref has no config at that path: the base is then empty. */
  readonly missingConfig?: string;
  /** The config's repository-relative path. */
  readonly config: string;
  readonly cleanup: () => void;
}

const git = (repo: string, args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commit a ref names in `repo`, or undefined when it names none. */
export function resolveRef(repo: string, ref: string): string | undefined {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** The top directory of the repository holding `dir`, symlinks resolved; undefined outside any. */
function topLevel(dir: string): string | undefined {
  try {
    return fs.realpathSync(git(dir, ['rev-parse', '--show-toplevel']));
  } catch {
    return undefined;
  }
}

/** A path with its symlinks resolved as far as it exists (the file itself may be gone). */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realPath(parent), path.basename(file));
  }
}

/**
 * The repository-relative path (with `/`) of the config `config` (relative to `cwd`, or
 * absolute), in the repository whose top directory is `root`; an error when it lies outside.
 */
export function configPathInRepo(root: string, config: string, cwd: string = process.cwd()): string {
  const relative = path.relative(root, realPath(path.resolve(cwd, config)));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(
      `IDENTITY_CONFIG ${config} is outside the git repository ${root}, so the review cannot read it as it is at the base: ` +
        'commit it to the repository, or pass --base a synthesis directory of the base',
    );
  }
  return relative.split(path.sep).join('/');
}

/**
 * Synthesizes `ref` of the repository at `repo` with the config `config` (IDENTITY_CONFIG) as it
 * is at that ref.
 */
export function synthesizeGitRef(repo: string, ref: string, config: string | undefined, cwd: string = process.cwd()): RefSynthesis {
  const root = topLevel(repo);
  if (!root) throw new Error(`--base ${ref}: ${repo} is not in a git repository, and ${ref} is not a directory`);
  const commit = resolveRef(root, ref);
  if (!commit) throw new Error(`--base ${ref}: neither a directory nor a git ref of ${root}`);
  const ownCode = topLevel(PROJECT_ROOT) === root;
  if (!config && !ownCode) throw new Error(`--base ${ref}: set IDENTITY_CONFIG to the config file in ${root}`);
  const relative = configPathInRepo(root, config ?? DEFAULT_CONFIG, cwd);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-review-base-'));
  const out = path.join(tmp, 'cdktf.out');
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    if (!existsAt(root, commit, relative)) return { dir: out, missingConfig: relative, config: relative, cleanup };
    if (ownCode) synthesizeInWorktree(root, commit, relative, tmp, out);
    else synthesize(PROJECT_ROOT, writeConfigAt(root, commit, relative, tmp), out);
    return { dir: out, config: relative, cleanup };
  } catch (err) {
    cleanup();
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`synthesizing ${ref} failed${stderr ? `:\n${stderr}` : `: ${(err as Error).message}`}`);
  }
}

/** Whether `relative` is a file in the tree of `commit`. */
function existsAt(root: string, commit: string, relative: string): boolean {
  try {
    return git(root, ['cat-file', '-t', `${commit}:${relative}`]) === 'blob';
  } catch {
    return false;
  }
}

/** Writes the config as it is at `commit` under `tmp` (same relative path, for messages) and returns its path. */
function writeConfigAt(root: string, commit: string, relative: string, tmp: string): string {
  const text = execFileSync('git', ['-C', root, 'show', `${commit}:${relative}`], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_CONFIG_BYTES + 1 });
  const file = path.join(tmp, 'config', relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The ref's code and config, in a temporary worktree removed afterwards. */
function synthesizeInWorktree(root: string, commit: string, relative: string, tmp: string, out: string): void {
  const worktree = path.join(tmp, 'checkout');
  git(root, ['worktree', 'add', '--detach', '--quiet', worktree, commit]);
  try {
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
    synthesize(worktree, path.join(worktree, relative), out);
  } finally {
    git(root, ['worktree', 'remove', '--force', worktree]);
  }
}

/**
 * Runs the app of `projectDir` on `config` into `out`: main.ts through tsx, not cdktf.json's
 * app, whose bundle cache lives in the borrowed node_modules, where a ref's sources would
 * replace this checkout's bundle.
 */
function synthesize(projectDir: string, config: string, out: string): void {
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'main.ts'], {
    cwd: projectDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CDKTF_OUTDIR: out, IDENTITY_CONFIG: config },
  });
}
