/**
 * `npm run bench`: synthesizes generated configs (N workloads over three clouds, one and three
 * environments) the way `cdktf synth` runs the app, side by side with a hand-written cdktf
 * baseline emitting the same resources, times the developer tools, checks the budgets of
 * issue 7 and writes bench/RESULTS.md.
 *
 * Options: --quick (fewer sizes and runs: a smoke test), --runs N (measured runs after one
 * warm-up, default 5), --sizes 10,100 (workload counts), --envs 1,3, --tool-runs N (default 3),
 * --no-tools (skip cdktf synth, npm test, tsc), --shards K (also N=1,000, one environment, split
 * into K shards; default 4, 0 for none), --out FILE (default bench/RESULTS.md).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { byType, census, totalResources } from './census';
import type { StackCensus } from './census';
import { generateConfig } from './generate';
import { getHeapStatistics } from 'node:v8';
import { ROOT, appCommand, runNode, spread, timeCommand } from './measure';
import type { Sample, Spread } from './measure';
import { CLOUDS } from '../lib/access/vocabulary';
import { IDENTITY_RESOURCES } from '../lib/terraform/identity-resources';

interface Options {
  readonly runs: number;
  readonly sizes: readonly number[];
  readonly envs: readonly (1 | 3)[];
  readonly toolRuns: number;
  readonly tools: boolean;
  readonly shards: number;
  readonly out: string;
}

function options(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string) => value(name)?.split(',').map(Number);
  const quick = argv.includes('--quick');
  return {
    runs: Number(value('--runs') ?? (quick ? 3 : 5)),
    sizes: list('--sizes') ?? (quick ? [10, 100, 1000] : [10, 100, 1000, 3000]),
    envs: (list('--envs') ?? (quick ? [1] : [1, 3])) as (1 | 3)[],
    toolRuns: Number(value('--tool-runs') ?? (quick ? 1 : 3)),
    tools: !argv.includes('--no-tools'),
    shards: Number(value('--shards') ?? (quick ? 0 : 4)),
    out: value('--out') ?? path.join(__dirname, 'RESULTS.md'),
  };
}

/** The runs of one baseline variant; runs stop at its first failure (the same config fails alike: out of memory). */
interface Series {
  readonly samples: Sample[];
  /** Why a run failed, if one did. */
  failure?: string;
}

/** One benchmarked config: the app's and the baseline's samples, and what they emitted. */
interface Case {
  readonly workloads: number;
  readonly environments: number;
  /** Shards per environment (1: unsharded). */
  readonly shards: number;
  readonly stacks: StackCensus[];
  readonly resources: number;
  readonly app: Sample[];
  /** The baseline, transpiled to JavaScript beforehand like the app: plain cdktf. */
  readonly baseline: Series;
  /** The same baseline without cdktf's token stack traces (as the app runs): the fastest plain cdktf. */
  readonly tuned: Series;
  /** Whether the baseline emitted exactly the app's resource types and counts, and as many outputs, per stack; undefined when it never completed. */
  readonly baselineMatches?: boolean;
}

/** Workloads of the sharded case. */
const SHARDED_SIZE = 1000;

const log = (message: string) => process.stderr.write(`${message}\n`);

/** `warmUp`: one unmeasured run of each first (the first case builds the app's bundle and warms the file cache for all). */
function benchCase(workloads: number, environments: 1 | 3, runs: number, work: string, baselineScript: string, warmUp: boolean, shards = 1): Case {
  const dir = path.join(work, `n${workloads}-e${environments}-s${shards}`);
  const config = `${dir}.yaml`;
  writeFileSync(config, generateConfig({ workloads, environments, ...(shards > 1 && { shards }) }));
  const appOut = `${dir}-app`;
  const baselineOut = `${dir}-baseline`;
  const censusFile = `${dir}-census.json`;
  const app = () => {
    rmSync(appOut, { recursive: true, force: true });
    return runNode(appCommand(), { IDENTITY_CONFIG: config, CDKTF_OUTDIR: appOut });
  };
  const baseline = (tokenStacks: 'on' | 'off' = 'on') => {
    rmSync(baselineOut, { recursive: true, force: true });
    return runNode([baselineScript], {
      BASELINE_CENSUS: censusFile,
      BASELINE_TOKEN_STACKS: tokenStacks,
      CDKTF_OUTDIR: baselineOut,
      NODE_PATH: path.join(ROOT, 'node_modules'),
    });
  };

  const plain: Series = { samples: [] };
  const tuned: Series = { samples: [] };
  /** One more run of a baseline variant, unless an earlier one failed. */
  const attempt = (series: Series, run: () => Sample) => {
    if (series.failure) return;
    try {
      series.samples.push(run());
    } catch (err) {
      series.failure = failureReason(err as Error);
    }
  };
  if (warmUp) {
    app();
    writeFileSync(censusFile, JSON.stringify(census(appOut)));
    attempt({ samples: [] }, () => baseline());
    attempt({ samples: [] }, () => baseline('off'));
  }
  const appSamples: Sample[] = [];
  let stacks: StackCensus[] = [];
  for (let r = 0; r < runs; r++) {
    // Interleaved, so load from other processes on the machine hits both alike.
    appSamples.push(app());
    if (r === 0) {
      // The census the baseline reproduces.
      stacks = census(appOut);
      writeFileSync(censusFile, JSON.stringify(stacks));
    }
    attempt(plain, () => baseline());
    attempt(tuned, () => baseline('off'));
  }
  const completed = plain.samples.length > 0 || tuned.samples.length > 0;
  const baselineMatches = completed ? JSON.stringify(census(baselineOut)) === JSON.stringify(stacks) : undefined;
  const median = (series: Series) => series.failure ?? ms(spread(series.samples.map((s) => s.wallMs)).median);
  log(`N=${workloads} envs=${environments} shards=${shards}: ${totalResources(stacks)} resources, app ${median({ samples: appSamples })}, baseline ${median(plain)}, tuned ${median(tuned)}`);
  return { workloads, environments, shards, stacks, resources: totalResources(stacks), app: appSamples, baseline: plain, tuned, baselineMatches };
}

/** A failed baseline run in a few words: plain cdktf runs out of heap on the largest configs. */
function failureReason(err: Error): string {
  if (/heap out of memory/i.test(err.message)) return `out of memory (Node's ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB heap limit)`;
  return `failed: ${err.message.split('\n')[0].slice(0, 120)}`;
}

/** Transpiles the baseline to plain JavaScript in `work` (run with NODE_PATH set to the project's node_modules). */
function compileBaseline(work: string): string {
  const source = readFileSync(path.join(__dirname, 'baseline', 'main.ts'), 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2022', sourcefile: 'baseline/main.ts' });
  const file = path.join(work, 'baseline.js');
  writeFileSync(file, code);
  return file;
}

interface Tool {
  readonly name: string;
  readonly times: Spread;
}

function timeTools(runs: number): Tool[] {
  const env = { CHECKPOINT_DISABLE: '1', CI: 'true' };
  const tools: [string, () => number][] = [
    ['`npx cdktf synth` (embedded example, full CLI)', () => timeCommand('npx', ['cdktf', 'synth'], env)],
    [`\`node ${appCommand().join(' ')}\` (embedded example, app only)`, () => timeCommand(process.execPath, appCommand(), { ...env, CDKTF_OUTDIR: path.join(os.tmpdir(), 'wi-bench-example') })],
    ['`npx tsc --noEmit`', () => timeCommand('npx', ['tsc', '--noEmit'], env)],
    ['`npm test` (tsc + jest)', () => timeCommand('npm', ['test'], env)],
  ];
  return tools.map(([name, run]) => {
    log(`timing ${name}`);
    const times = Array.from({ length: runs }, run);
    return { name, times: spread(times) };
  });
}

// ---- report ----

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
const mb = (v: number) => `${Math.round(v)} MB`;
const range = (s: Spread, f: (v: number) => string) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const mark = (ok: boolean) => (ok ? '**met**' : '**missed**');

interface Budget {
  readonly name: string;
  readonly measured: string;
  readonly met: boolean;
}

function budgets(cases: readonly Case[], tools: readonly Tool[]): Budget[] {
  const out: Budget[] = [];
  const find = (n: number, e: number) => cases.find((c) => c.workloads === n && c.environments === e && c.shards === 1);
  const wall = (samples: Sample[]) => spread(samples.map((s) => s.wallMs)).median;
  const peak = (samples: Sample[]) => spread(samples.map((s) => s.peakMb)).median;
  for (const e of [1, 3]) {
    const c = find(1000, e);
    if (!c) continue;
    for (const [series, name] of [
      [c.baseline, 'plain cdktf baseline'],
      [c.tuned, 'tuned baseline, no token stack traces'],
    ] as const) {
      const ratio = wall(c.app) / wall(series.samples);
      const budget = `time per resource ≤ 1.5x ${name} (N=1,000, ${e} env)`;
      out.push(series.failure ? { name: budget, measured: `baseline ${series.failure}`, met: false } : { name: budget, measured: `${ratio.toFixed(2)}x`, met: ratio <= 1.5 });
    }
    out.push({ name: `peak memory < 400 MB (N=1,000, ${e} env)`, measured: mb(peak(c.app)), met: peak(c.app) < 400 });
    const small = find(100, e);
    if (small) {
      const growth = wall(c.app) / wall(small.app);
      out.push({ name: `time linear: N=1,000 ≤ 12x N=100 (${e} env)`, measured: `${growth.toFixed(2)}x`, met: growth <= 12 });
    }
  }
  const big = find(3000, 3);
  if (big) out.push({ name: 'peak memory < 1 GB (N=3,000, 3 envs)', measured: mb(peak(big.app)), met: peak(big.app) < 1024 });
  const tool = (prefix: string) => tools.find((t) => t.name.startsWith(prefix));
  const synth = tool('`npx cdktf synth`');
  if (synth) out.push({ name: 'embedded example `npx cdktf synth` < 4 s', measured: ms(synth.times.median), met: synth.times.median < 4000 });
  const test = tool('`npm test`');
  if (test) out.push({ name: '`npm test` < 60 s', measured: ms(test.times.median), met: test.times.median < 60000 });
  return out;
}

/** Resources per identity per cloud, from the largest one-environment case. */
function perIdentity(c: Case): string[] {
  const types = byType(c.stacks);
  const lines = ['| cloud | resource type | resources | per identity |', '| --- | --- | ---: | ---: |'];
  for (const { type: identityType } of CLOUDS.map((c) => IDENTITY_RESOURCES[c])) {
    // Rows name the provider (`google`), as the resource types do.
    const cloud = identityType.slice(0, identityType.indexOf('_'));
    const identities = types[identityType] ?? 0;
    const ofCloud = Object.entries(types).filter(([t]) => t.startsWith(`${cloud}_`)).sort(([a], [b]) => a.localeCompare(b));
    for (const [type, n] of ofCloud) lines.push(`| ${cloud} | ${type} | ${n} | ${(n / identities).toFixed(2)} |`);
    const total = ofCloud.reduce((s, [, n]) => s + n, 0);
    lines.push(`| ${cloud} | **all (${identities} identities)** | ${total} | **${(total / identities).toFixed(2)}** |`);
  }
  return lines;
}

function render(opts: Options, cases: readonly Case[], tools: readonly Tool[], loadBefore: number[], loadAfter: number[]): string {
  const cpus = os.cpus();
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (bench/run.ts) on ${new Date().toISOString()}.`,
    '',
    `Machine: ${cpus.length} CPUs (${cpus[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (the machine is shared: read medians and spreads, not single runs).`,
    '',
    `Each config: ${opts.runs} runs of the app and of the baseline, interleaved, after one warm-up run of each on the first config. The app runs`,
    `exactly as \`cdktf synth\` runs it (cdktf.json's \`app\`: \`node ${appCommand().join(' ')}\`, with \`IDENTITY_CONFIG\` and \`CDKTF_OUTDIR\`), including`,
    'startup, config load, guardrails and writing cdk.tf.json. Wall time and peak memory (maxRSS reported by the process) are',
    'medians, with min–max in parentheses. The baseline (bench/baseline/main.ts) is hand-written cdktf with deep imports, transpiled',
    'to JavaScript beforehand, that emits per stack the same number of resources of each type, and of outputs, as the app: identities,',
    'grants and per-identity alerts with typical attributes and references, outputs of identity attributes, the once-per-environment',
    'resources as one-attribute placeholders. The app also writes what the baseline does not: guardrail reports and the wiring.',
    'It runs twice: plain (cdktf as written, recording a stack trace for every token it creates) and tuned (`BASELINE_TOKEN_STACKS=off`:',
    'no token stack traces, as the app runs), the fastest plain cdktf known here. Ratios are app wall time over baseline wall time',
    'for the same resources, so they are also time per resource.',
    '',
    '## Synthesis',
    '',
    '| workloads | envs | shards | stacks | resources | largest stack | app wall | app CPU | app peak | resources/s | plain baseline wall | peak | ratio | tuned baseline wall | peak | ratio | same resources and outputs |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | --- |',
  ];
  for (const c of cases) {
    const aw = spread(c.app.map((s) => s.wallMs));
    const cpu = spread(c.app.map((s) => s.cpuMs)).median;
    /** Wall, peak and ratio of a baseline variant; its failure (after any runs it completed) in their place. */
    const columns = ({ samples, failure }: Series) => {
      if (failure) return `${failure}${samples.length ? ` (after ${samples.length} run(s))` : ''} | – | –`;
      const w = spread(samples.map((s) => s.wallMs));
      return `${range(w, ms)} | ${mb(spread(samples.map((s) => s.peakMb)).median)} | ${(aw.median / w.median).toFixed(2)}x`;
    };
    const matches = c.baselineMatches === undefined ? 'n/a' : c.baselineMatches ? 'yes' : 'NO';
    lines.push(
      `| ${c.workloads} | ${c.environments} | ${c.shards} | ${c.stacks.length} | ${c.resources} | ${Math.max(...c.stacks.map((s) => totalResources([s])))} | ${range(aw, ms)} | ${ms(cpu)} | ${mb(spread(c.app.map((s) => s.peakMb)).median)} | ` +
        `${Math.round(c.resources / (aw.median / 1000))} | ${columns(c.baseline)} | ${columns(c.tuned)} | ${matches} |`,
    );
  }
  if (tools.length) {
    lines.push('', '## Tools', '', `Medians of ${opts.toolRuns} run(s), min–max in parentheses.`, '', '| command | wall |', '| --- | --- |');
    for (const t of tools) lines.push(`| ${t.name} | ${range(t.times, ms)} |`);
  }
  const bs = budgets(cases, tools);
  if (bs.length) {
    lines.push('', '## Budgets (issue 7)', '', '| budget | measured | |', '| --- | --- | --- |');
    for (const b of bs) lines.push(`| ${b.name} | ${b.measured} | ${mark(b.met)} |`);
  }
  const largest = [...cases].filter((c) => c.environments === 1 && c.shards === 1).sort((a, b) => b.workloads - a.workloads)[0];
  if (largest) {
    lines.push('', `## Resources per identity per cloud (N=${largest.workloads}, 1 environment)`, '', ...perIdentity(largest));
  }
  return `${lines.join('\n')}\n`;
}

function main(): void {
  const opts = options(process.argv.slice(2));
  const work = mkdtempSync(path.join(os.tmpdir(), 'wi-bench-'));
  const loadBefore = os.loadavg();
  try {
    const cases: Case[] = [];
    const baseline = compileBaseline(work);
    for (const n of opts.sizes) for (const e of opts.envs) cases.push(benchCase(n, e, opts.runs, work, baseline, !cases.length));
    if (opts.shards > 1) cases.push(benchCase(SHARDED_SIZE, 1, opts.runs, work, baseline, false, opts.shards));
    const tools = opts.tools ? timeTools(opts.toolRuns) : [];
    const report = render(opts, cases, tools, loadBefore, os.loadavg());
    writeFileSync(opts.out, report);
    process.stdout.write(report);
    log(`wrote ${path.relative(ROOT, opts.out)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
