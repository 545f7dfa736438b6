/** Test helpers: synthesize a config with the guardrails, optionally adding resources by hand first. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../lib/guardrails/rule';
import { parseSpec } from '../../lib/config/load';
import { withoutTokenStackTraces } from '../../lib/token-stack-traces';
import type { EnvironmentStack } from '../../stacks/environment-stack';
import { synthesize } from '../../stacks/synth';
import type { SynthOutcome } from '../../stacks/synth';

/**
 * Synthesizes `yaml` into a fresh temporary outdir and runs the guardrails, as `cdktf synth` does
 * (main.ts, token creation stacks not captured); `extend` gets each environment's stacks.
 */
export function synthChecked(yaml: string, extend?: (stacks: readonly EnvironmentStack[]) => void, configFile?: string): SynthOutcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-guardrails-'));
  const spec = parseSpec(yaml, 'test.yaml');
  return withoutTokenStackTraces(() => synthesize(spec, { outdir, ...(extend && { extend }), ...(configFile && { configFile }) }));
}

/** A finding as `address` or `address#detail`, with its workload, for compact assertions. */
export const brief = (f: Finding) => `${f.workload ?? '-'} ${f.id}`;

/** The brief findings of one rule. */
export function findingsOf(outcome: SynthOutcome, rule: string, list: 'findings' | 'suppressed' = 'findings'): string[] {
  return outcome.result[list].filter((f) => f.rule === rule).map(brief).sort();
}
