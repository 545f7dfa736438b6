/**
 * Synth with guardrails: builds and synthesizes the app, runs the rule pack over every
 * written stack, writes the reports next to `stacks/`, and, when an unsuppressed error or an
 * unused suppression remains, removes the stacks so nothing deployable is left behind.
 */
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { checkStacks, failsSynth } from '../lib/guardrails/check';
import type { GuardrailResult } from '../lib/guardrails/check';
import { configLocator } from '../lib/guardrails/config-locations';
import { writeReports } from '../lib/guardrails/reports';
import type { StackJson } from '../lib/guardrails/stack-index';
import type { Spec } from '../lib/spec/types';
import type { App } from 'cdktf';
import { buildApp } from './app';
import type { EnvironmentStack } from './environment-stack';

export interface SynthOptions {
  /** @default process.env.CDKTF_OUTDIR, else "cdktf.out" (as `new App()`) */
  readonly outdir?: string;
  /** The config file, located in the SARIF report. @default none: results point at "identity.yaml" */
  readonly configFile?: string;
}

export interface SynthOutcome {
  readonly result: GuardrailResult;
  readonly failed: boolean;
  readonly outdir: string;
  readonly reportDir: string;
}

/** Synthesizes `spec` and enforces the guardrails. */
export function synthesize(spec: Spec, options: SynthOptions = {}): SynthOutcome {
  const { app, stacks } = buildApp(spec, options.outdir ? { outdir: options.outdir } : {});
  return synthesizeChecked(spec, app, stacks, options);
}

/**
 * Synthesizes an app already built from `spec` (its stacks possibly extended by hand) and
 * enforces the guardrails on what was written.
 */
export function synthesizeChecked(spec: Spec, app: App, stacks: readonly EnvironmentStack[], options: Omit<SynthOptions, 'outdir'> = {}): SynthOutcome {
  app.synth();
  const outdir = app.outdir;
  // Read lazily: one stack's JSON in memory at a time.
  const inputs = (function* () {
    for (const s of stacks) {
      yield { name: s.node.id, environment: s.env, json: JSON.parse(readFileSync(path.join(outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8')) as StackJson };
    }
  })();
  const result = checkStacks(spec.app, inputs);
  const file = options.configFile;
  const locate = file ? configLocator(file, path.relative(process.cwd(), file).split(path.sep).join('/')) : () => ({ uri: 'identity.yaml' });
  const reportDir = writeReports(outdir, result, locate);
  const failed = failsSynth(result);
  if (failed) {
    rmSync(path.join(outdir, 'stacks'), { recursive: true, force: true });
    rmSync(path.join(outdir, 'manifest.json'), { force: true });
  }
  return { result, failed, outdir, reportDir };
}
