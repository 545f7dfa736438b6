/**
 * Synth with guardrails: builds and synthesizes the app in a staging directory, runs the rule
 * pack over every stack, writes the reports, then commits the stacks and the manifest into the
 * output directory only when no unsuppressed error or unused suppression remains; otherwise
 * only the reports are committed and the previous stacks are withdrawn (output-directory.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkStacks, failsSynth } from '../lib/guardrails/run/check';
import type { GuardrailResult, StackInput } from '../lib/guardrails/run/check';
import { configLocator } from '../lib/guardrails/run/config-locations';
import { REPORT_DIR, writeReports } from '../lib/guardrails/run/reports';
import type { EnvironmentSpec, Spec } from '../lib/spec/types';
import { markTokens } from '../lib/token-release';
import type { Manifest } from 'cdktf';
import { buildApp } from './app';
import type { EnvironmentStack } from './environment-stack';
import { renderWiring } from '../lib/wiring/render-wiring';
import { stackWiring } from '../lib/wiring/stack-wiring';
import type { StackWiring } from '../lib/wiring/stack-wiring';
import { WIRING, commitOutput, discardStaging, stageOutput, withdrawOutput } from './output-directory';
import type { Staging } from './output-directory';

export interface SynthOptions {
  /** @default process.env.CDKTF_OUTDIR, else "cdktf.out" (as `new App()`) */
  readonly outdir?: string;
  /** The config file, located in the SARIF report. @default none: results point at "identity.yaml" */
  readonly configFile?: string;
  /** Adds resources by hand to each environment's stacks before they are synthesized (tests). */
  readonly extend?: (stacks: readonly EnvironmentStack[]) => void;
}

export interface SynthOutcome {
  readonly result: GuardrailResult;
  readonly failed: boolean;
  readonly outdir: string;
  readonly reportDir: string;
}

/**
 * Synthesizes `spec` and enforces the guardrails. Each environment is built and synthesized
 * in an app of its own when the guardrails ask for its stacks, and dropped once they have
 * checked them, so only one environment's constructs and Terraform JSON are in memory at a
 * time (a sharded environment's stacks stay together: shards refer to the shared stack).
 * Every app writes a manifest of its own stacks; the last one is rewritten to list them all,
 * as `cdktf synth` and `cdktf deploy <stack>` expect.
 */
/** The output directory: CDKTF_OUTDIR (cdktf-cli sets it), else "cdktf.out" (as `new App()`). */
export function outputDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.CDKTF_OUTDIR || 'cdktf.out';
}

export function synthesize(spec: Spec, options: SynthOptions = {}): SynthOutcome {
  const outdir = options.outdir ?? outputDirectory();
  let staging: Staging | undefined;
  try {
    staging = stageOutput(outdir);
    const { result, failed } = synthesizeInto(staging, spec, options);
    commitOutput(staging, !failed);
    return { result, failed, outdir, reportDir: path.join(outdir, REPORT_DIR) };
  } catch (err) {
    if (staging) discardStaging(staging);
    withdrawAfterFailure(outdir);
    throw withPath(err, outdir);
  }
}

/** A file system error without a path (a write to a descriptor, as cdktf's writes are) names the output directory. */
function withPath(err: unknown, outdir: string): unknown {
  const e = err as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.code === 'string' && e.syscall && !e.path ? Object.assign(e, { path: outdir }) : err;
}

/** Leaves nothing deployable after a failed synth, where the output directory can still be changed. */
function withdrawAfterFailure(outdir: string): void {
  try {
    withdrawOutput(outdir);
  } catch {
    // The first error is the one reported. The withdrawal removes the manifest first: a folder
    // that refuses it kept the previous, checked output untouched; one that refuses later steps lists nothing.
  }
}

/** Synthesizes every environment into the staging directory, checks the stacks and writes the reports there. */
function synthesizeInto(staging: Staging, spec: Spec, options: SynthOptions): { result: GuardrailResult; failed: boolean } {
  const outdir = staging.dir;
  const manifests: Manifest[] = [];
  const wirings: StackWiring[] = [];
  const inputs = (function* (): Generator<StackInput> {
    for (const [index, env] of spec.environments.entries()) {
      if (index > 0) collectGarbage();
      const { manifest, stacks, wiring } = synthesizeEnvironment(spec, env, outdir, staging.outdir, options.extend);
      manifests.push(manifest);
      wirings.push(...wiring);
      yield* stacks;
    }
  })();
  const result = checkStacks(spec.app, inputs);
  const last = manifests.at(-1);
  if (last) {
    Object.assign(last.stacks, ...manifests.map((m) => m.stacks));
    last.writeToFile();
  }
  const file = options.configFile;
  const locate = file ? configLocator(file, path.relative(process.cwd(), file).split(path.sep).join('/')) : () => ({ uri: 'identity.yaml' });
  writeReports(outdir, result, locate);
  writeWiring(outdir, wirings);
  return { result, failed: failsSynth(result) };
}

/** Writes each stack's wiring, `wiring/<stack>.md` and `wiring/<stack>.json`, into the staging directory. */
function writeWiring(outdir: string, wirings: readonly StackWiring[]): void {
  const dir = path.join(outdir, WIRING);
  fs.mkdirSync(dir, { recursive: true });
  for (const w of wirings) {
    fs.writeFileSync(path.join(dir, `${w.stack}.json`), `${JSON.stringify(w, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `${w.stack}.md`), renderWiring(w));
  }
}

/**
 * A full garbage collection, where the process runs with `--expose-gc` (cdktf.json's app
 * command does). Between environments it frees the one just checked before the next is built:
 * V8 otherwise collects lazily, and the peak holds two environments' garbage (N = 3,000 in three
 * environments: 575 MB in every run, against 715-815 MB, for about 3% more time).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Builds and synthesizes one environment's app and hands over its stacks' JSON. Nothing else
 * of the app outlives this call: its tokens are forgotten (see lib/token-release.ts), so its
 * constructs can be freed before the next environment is built.
 */
function synthesizeEnvironment(
  spec: Spec,
  env: EnvironmentSpec,
  outdir: string,
  finalOutdir: string,
  extend: SynthOptions['extend'],
): { manifest: Manifest; stacks: StackInput[]; wiring: StackWiring[] } {
  const forgetTokens = markTokens();
  try {
    const { app, stacks } = buildApp(spec, { outdir }, [env]);
    extend?.(stacks);
    app.synth();
    const wiring = stacks.map((s) =>
      stackWiring({
        app: spec.app,
        env: s.env,
        stack: s.node.id,
        // As a command run from the project root names it, once the stack is committed.
        stackDir: path.relative(process.cwd(), path.join(finalOutdir, 'stacks', s.node.id)).split(path.sep).join('/'),
        workloads: s.env.workloads,
        identityOutputs: s.outputs.identities,
        sharedOutputs: s.outputs.shared,
      }),
    );
    return { manifest: app.manifest, stacks: stacks.map((s) => ({ name: s.node.id, environment: s.env, json: s.takeSynthesized() })), wiring };
  } finally {
    forgetTokens();
  }
}
