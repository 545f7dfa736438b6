/**
 * What every snippet of a workload's wiring is made from: the workload, its environment and
 * stack, and each of its identity's values, known at synth or read from its stack output
 * after apply with an exact command.
 */
import type { Cloud } from '../access/vocabulary';
import type { IdentityOutput } from '../outputs/identity-outputs';
import type { IdentityAttribute } from '../outputs/output-names';
import type { EnvironmentSpec, Source, WorkloadSpec } from '../spec/types';
import { shellCommand } from './quote';

/** A value of a snippet: known at synth, or the stack output that holds it after apply. */
export type WiringValue = { readonly known: string } | { readonly output: string; readonly command: string };

/** One copy-paste snippet. */
export interface Snippet {
  /** What it is for, as a heading says it. */
  readonly title: string;
  readonly language: 'yaml' | 'json' | 'shell';
  readonly text: string;
}

/** One workload's identities in one stack, as the snippets read them. */
export class WiringContext {
  private readonly outputs: ReadonlyMap<string, IdentityOutput>;

  constructor(
    readonly app: string,
    readonly env: EnvironmentSpec,
    readonly stack: string,
    /** The stack's folder, as a command run from the project root names it (`cdktf.out/stacks/<stack>`). */
    readonly stackDir: string,
    readonly workload: WorkloadSpec,
    outputs: readonly IdentityOutput[],
    /** The source the snippets are for: one of the workload's sources. @default its first */
    readonly source: Source = workload.source,
    /** That source's key, for a further source of a runsOn list (lib/sources/source-list.ts). @default the first source */
    readonly key?: string,
  ) {
    this.outputs = new Map(outputs.map((o) => [o.key !== undefined ? `${o.cloud}/${o.attribute}/${o.key}` : `${o.cloud}/${o.attribute}`, o]));
  }

  /** Whether the workload has an identity on `cloud` in this stack. */
  has(cloud: Cloud): boolean {
    return this.workload.clouds.includes(cloud) && [...this.outputs.values()].some((o) => o.cloud === cloud);
  }

  /** The value of an output of the workload's identity on `cloud`; undefined where the identity has none. */
  value<C extends Cloud>(cloud: C, attribute: IdentityAttribute<C>): WiringValue | undefined {
    // A further source's own output where it has one (its pool provider), else the identity's.
    const output = (this.key !== undefined ? this.outputs.get(`${cloud}/${attribute}/${this.key}`) : undefined) ?? this.outputs.get(`${cloud}/${attribute}`);
    if (!output) return undefined;
    return output.known !== undefined ? { known: output.known } : { output: output.name, command: outputCommand(this.stackDir, output.name) };
  }

  /** Like `value`, for an output every identity on `cloud` has. */
  required<C extends Cloud>(cloud: C, attribute: IdentityAttribute<C>): WiringValue {
    const v = this.value(cloud, attribute);
    if (!v) throw new Error(`${this.workload.name}: its ${cloud} identity has no ${attribute} output`);
    return v;
  }
}

/** The command that prints one output of a stack after apply, run from the project root. */
export function outputCommand(stackDir: string, output: string): string {
  return shellCommand(['terraform', `-chdir=${stackDir}`, 'output', '-raw', output]);
}

/** The command that prints every output of a stack as JSON after apply. */
export function allOutputsCommand(stackDir: string): string {
  return shellCommand(['terraform', `-chdir=${stackDir}`, 'output', '-json']);
}

/** A value as one shell word: the known text quoted, or the output command substituted. */
export function shellValue(value: WiringValue): string | { raw: string } {
  return 'known' in value ? value.known : { raw: `"$(${value.command})"` };
}
