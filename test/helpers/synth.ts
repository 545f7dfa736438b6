/** Test helpers: load a config from YAML text or a file and synthesize every stack to JSON. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { checkGcpApiRules } from '../../lib/gcp/api-rules';
import type { SynthesizedStack } from '../../lib/gcp/api-rules';
import { parseSpec } from '../../lib/spec/load';
import type { Spec } from '../../lib/spec/types';
import { buildApp } from '../../stacks/app';

/** The synthesized Terraform JSON of one stack. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
  output?: Record<string, Record<string, unknown>>;
  terraform?: Record<string, unknown>;
  provider?: Record<string, unknown[]>;
  moved?: unknown[];
  [key: string]: unknown;
}

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** Reads an example config's text. */
export function example(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, name), 'utf8');
}

/**
 * Synthesizes every stack of a spec (or YAML text), with validations, keyed by stack name. Every
 * synthesis of every test is held against the GCP API rules (lib/gcp/api-rules.ts): a stack a
 * real apply would refuse fails the test that made it.
 */
export function synthStacks(config: string | Spec): Record<string, StackJson> {
  const spec = typeof config === 'string' ? parseSpec(config, 'test.yaml') : config;
  const { stacks } = buildApp(spec, { outdir: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wi-')) });
  const out = Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true)) as StackJson]));
  const broken = checkGcpApiRules(Object.entries(out).map(([name, json]) => ({ name, json: json as SynthesizedStack['json'] })));
  if (broken.length) throw new Error(`GCP API rules broken:\n${broken.map((v) => `  ${v.rule} ${v.stack} ${v.address}: ${v.detail}`).join('\n')}`);
  return out;
}

/** Every resource of a stack as `type.name` → config. */
export function resources(stack: StackJson): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) out.set(`${type}.${name}`, config);
  }
  return out;
}

/** The resources of one type, by name. */
export function ofType(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}
