/** Counts what a synthesized cdktf output directory holds: resources per type and outputs, per stack. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '../lib/terraform/stack-json';

/** Resource counts of one stack, by Terraform resource type, its outputs, and its kind of backend. */
export interface StackCensus {
  readonly name: string;
  /** `cloud` for a Terraform Cloud workspace (cdktf then checks the terraform version at synth). */
  readonly backend: 'cloud' | 'local';
  readonly resources: Readonly<Record<string, number>>;
  /** Terraform outputs (the identities' ARNs, e-mails, client ids): each a construct to synthesize, as a resource is. */
  readonly outputs: number;
}

/** Every stack of `outdir` (a `cdktf.out`), in name order. */
export function census(outdir: string): StackCensus[] {
  const stacksDir = path.join(outdir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as StackJson;
      const resources = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
      return { name, backend: json.terraform?.cloud ? ('cloud' as const) : ('local' as const), resources, outputs: Object.keys(json.output ?? {}).length };
    });
}

/** Total resources of a census. */
export function totalResources(stacks: readonly StackCensus[]): number {
  return stacks.reduce((sum, s) => sum + Object.values(s.resources).reduce((a, b) => a + b, 0), 0);
}

/** Resources per type summed over stacks. */
export function byType(stacks: readonly StackCensus[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stacks) for (const [type, n] of Object.entries(s.resources)) out[type] = (out[type] ?? 0) + n;
  return out;
}
