/** Test helpers: load a config from YAML text or a file and synthesize every stack to JSON. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { checkGcpFederationApiRules } from '../../lib/gcp/federation-api-rules';
import type { GcpRuleViolation } from '../../lib/gcp/federation-api-rules';
import { checkGcpMonitoringApiRules } from '../../lib/gcp/monitoring-api-rules';
import { parseSpec } from '../../lib/config/load';
import type { Spec } from '../../lib/spec/types';
import type { ResourceJson, StackJson } from '../../lib/terraform/stack-json';
import { withoutTokenStackTraces } from '../../lib/token-stack-traces';
import { buildApp } from '../../stacks/app';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** Reads an example config's text. */
export function example(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, name), 'utf8');
}

/**
 * Synthesizes every stack of a spec (or YAML text), with validations, keyed by stack name. Every
 * synthesis of every test is held against the GCP API rules the provider does not check
 * (lib/gcp/monitoring-api-rules.ts, lib/gcp/federation-api-rules.ts): a stack a real apply
 * would refuse fails the test that made it. Token creation stacks are not captured, as in the
 * app (main.ts): under jest each capture is formatted through source maps, most of a synth's cost.
 */
export function synthStacks(config: string | Spec): Record<string, StackJson> {
  const made = typeof config === 'string' ? SYNTHESIZED.get(config) : undefined;
  if (made) return JSON.parse(made) as Record<string, StackJson>;
  const spec = typeof config === 'string' ? parseSpec(config, 'test.yaml') : config;
  const out = withoutTokenStackTraces(() => {
    const { stacks } = buildApp(spec, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wi-')) });
    return Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true)) as StackJson]));
  });
  const broken = checkGcpMonitoringApiRules(Object.entries(out).map(([name, json]) => ({ name, json })));
  const violations = [
    ...broken.map((v) => `${v.stack}: ${v.address}: ${v.detail} (${v.rule})`),
    ...Object.entries(out).flatMap(([name, stack]) => gcpApiViolations(stack, spec).map((v) => `${name}: ${v.address}: ${v.message} (${v.rule}; ${v.source})`)),
  ];
  if (violations.length) throw new Error(`GCP API rules violated:\n${violations.join('\n')}`);
  recordSynthesis(config, out);
  if (typeof config === 'string') SYNTHESIZED.set(config, JSON.stringify(out));
  return out;
}

/**
 * The syntheses of config texts this worker process has made and checked, as JSON: the test files
 * of a worker share one process but each has its own module registry, so the map hangs on
 * `process`. A text's output cannot change during a run (the sources do not change, and synthesis
 * is deterministic), and the examples are synthesized by many files (one text 17 times): about a
 * third of the suite's synthesis time. Every caller gets its own copy.
 */
const SYNTHESIZED: Map<string, string> = ((process as { __workloadIdentitySyntheses?: Map<string, string> }).__workloadIdentitySyntheses ??= new Map());

/**
 * With SYNTH_RECORD=<dir>, every synthesis of every test is written to <dir>, keyed by a hash of
 * its input: two runs (before and after a refactoring) are compared with
 * `node test/helpers/compare-syntheses.cjs <before> <after>`, the proof that output is unchanged.
 */
function recordSynthesis(config: string | Spec, out: Record<string, StackJson>): void {
  const dir = process.env.SYNTH_RECORD;
  if (!dir) return;
  const input = typeof config === 'string' ? config : JSON.stringify(config);
  const key = createHash('sha256').update(input).digest('hex').slice(0, 24);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${key}.json`), JSON.stringify(out, null, 1));
}

/**
 * Synthesizes the whole app of `yaml` with `app.synth()`, as `cdktf synth` does (cross-stack
 * references between stacks need every stack), without token creation stacks; by stack name.
 */
export function synthWholeApp(yaml: string): Record<string, StackJson> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-app-'));
  try {
    const spec = parseSpec(yaml, 'test.yaml');
    const stacks = withoutTokenStackTraces(() => {
      const built = buildApp(spec, { outdir });
      built.app.synth();
      return [...built.stacks, ...built.workspaceVariables];
    });
    return Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8')) as StackJson]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A stack's violations of the GCP API rules, with the quotas its spec declares. */
export function gcpApiViolations(stack: StackJson, spec: Spec): GcpRuleViolation[] {
  const serviceAccounts: Record<string, number> = {};
  for (const env of spec.environments) {
    if (env.gcp?.serviceAccountQuota) serviceAccounts[env.gcp.projectId] = Math.max(serviceAccounts[env.gcp.projectId] ?? 0, env.gcp.serviceAccountQuota);
  }
  return checkGcpFederationApiRules(stack.resource ?? {}, { serviceAccounts });
}

/** The resources of one type, by name. */
export function ofType(stack: StackJson, type: string): Readonly<Record<string, ResourceJson>> {
  return stack.resource?.[type] ?? {};
}
