/** Runs benchmarked processes and summarizes repeated measurements. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The project root: where `main.ts` and `cdktf.json` are. */
export const ROOT = path.join(__dirname, '..');

const USAGE_REPORTER = path.join(__dirname, 'report-usage.cjs');

/** One run of a process. */
export interface Sample {
  readonly wallMs: number;
  /** User + system CPU time of the process. */
  readonly cpuMs: number;
  /** Peak resident memory (maxRSS) of the process. */
  readonly peakMb: number;
}

/**
 * The app command of cdktf.json as node arguments: `cdktf synth` runs exactly this command, so
 * the benchmark does too (it must start with `node`).
 */
export function appCommand(): string[] {
  const { app } = JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
  const [command, ...args] = app.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`cdktf.json's app must be a node command to be benchmarked; it is "${app}"`);
  return args;
}

/**
 * Runs `node <args>` in the project root with a preloaded reporter for peak memory and CPU
 * time. Throws when the process fails.
 */
export function runNode(args: readonly string[], env: Record<string, string>): Sample {
  const usageDir = mkdtempSync(path.join(tmpdir(), 'wi-usage-'));
  const usageFile = path.join(usageDir, 'usage.json');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', USAGE_REPORTER, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMs: number };
    return { wallMs, cpuMs: usage.cpuMs, peakMb: usage.maxRssKb / 1024 };
  } finally {
    rmSync(usageDir, { recursive: true, force: true });
  }
}

/** Wall time of a command run in the project root; throws when it fails. */
export function timeCommand(command: string, args: readonly string[], env: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout).slice(-2000)}`);
  return wallMs;
}

/** Median, minimum and maximum of measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
