/**
 * A git ref as review base: checked out into a temporary worktree that borrows this checkout's
 * node_modules (a symlink: installing again would take a minute), synthesized there with the
 * same IDENTITY_CONFIG (a relative path names the file as it is at that ref), then the worktree
 * is removed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The synthesis of a ref: its output dir, and a function that deletes it. */
export interface RefSynthesis {
  readonly dir: string;
  /** Set when the ref has no such config file: the base is then empty. */
  readonly missingConfig?: string;
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

/** Synthesizes `ref` of the repository at `repo` with the config `config` (IDENTITY_CONFIG). */
export function synthesizeGitRef(repo: string, ref: string, config: string | undefined): RefSynthesis {
  const commit = resolveRef(repo, ref);
  if (!commit) throw new Error(`--base ${ref}: neither a directory nor a git ref of ${repo}`);
  const root = git(repo, ['rev-parse', '--show-toplevel']);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-review-base-'));
  const worktree = path.join(tmp, 'checkout');
  const out = path.join(tmp, 'cdktf.out');
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  git(root, ['worktree', 'add', '--detach', '--quiet', worktree, commit]);
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
    const configFile = config && !path.isAbsolute(config) ? path.join(worktree, path.relative(root, path.resolve(config))) : config;
    if (configFile && !fs.existsSync(configFile)) return { dir: out, missingConfig: config, cleanup };
    // main.ts through tsx, not cdktf.json's app: the app's bundle cache lives in the borrowed
    // node_modules, where the ref's sources would replace this checkout's bundle.
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'main.ts'], {
      cwd: worktree,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CDKTF_OUTDIR: out, ...(configFile ? { IDENTITY_CONFIG: configFile } : {}) },
    });
    return { dir: out, cleanup };
  } catch (err) {
    cleanup();
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`synthesizing ${ref} failed${stderr ? `:\n${stderr}` : `: ${(err as Error).message}`}`);
  } finally {
    git(root, ['worktree', 'remove', '--force', worktree]);
  }
}
