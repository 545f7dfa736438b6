/**
 * The wiring of one stack: for each workload, its outputs (each with its value known at synth,
 * or the command that prints it after apply) and the snippets of the places it runs, chosen by
 * its source. Written next to the stacks on every synth (stacks/synth.ts) as
 * `wiring/<stack>.json` and, rendered, `wiring/<stack>.md`.
 */
import type { IdentityOutput, StackOutput } from '../outputs/identity-outputs';
import type { FederatedFormName } from '../sources/forms';
import type { EnvironmentSpec, Source, WorkloadSpec } from '../spec/types';
import { sourceForm, sourceKey } from '../sources/source-list';
import { federatedEnvironmentSnippets } from './federated-environment';
import { gcpCredentialConfigSnippets } from './gcp-credential-config';
import { githubActionsSnippets } from './github-actions';
import { kubernetesSnippets } from './kubernetes';
import { runtimeAttachmentSnippets } from './runtime-attachment';
import { terraformCloudSnippets } from './terraform-cloud-variables';
import { WiringContext, allOutputsCommand, outputCommand } from './wiring-context';
import type { Snippet } from './wiring-context';

/** An output as the wiring lists it. */
export interface WiringOutput {
  readonly name: string;
  readonly description: string;
  /** The value, where it is known at synth. */
  readonly value?: string;
  /** The command that prints it after apply. */
  readonly command: string;
}

export interface WorkloadWiring {
  readonly workload: string;
  readonly clouds: readonly string[];
  readonly outputs: readonly WiringOutput[];
  readonly snippets: readonly Snippet[];
}

export interface StackWiring {
  readonly stack: string;
  readonly environment: string;
  /** The command that prints every output of the stack as JSON, after apply. */
  readonly allOutputs: string;
  readonly shared: readonly WiringOutput[];
  readonly workloads: readonly WorkloadWiring[];
}

/** What the wiring of a stack is made from. */
export interface StackWiringInput {
  readonly app: string;
  readonly env: EnvironmentSpec;
  readonly stack: string;
  /** The stack's folder as a command run from the project root names it. */
  readonly stackDir: string;
  readonly workloads: readonly WorkloadSpec[];
  readonly identityOutputs: readonly IdentityOutput[];
  readonly sharedOutputs: readonly StackOutput[];
}

/** The snippets of each kind of source. */
const SNIPPETS: Readonly<Record<FederatedFormName | 'runtime', (ctx: WiringContext) => Snippet[]>> = {
  github: githubActionsSnippets,
  kubernetes: (ctx) => [...kubernetesSnippets(ctx), ...(ctx.has('gcp') ? gcpCredentialConfigSnippets(ctx) : [])],
  // EKS Pod Identity: the association gives AWS credentials (no annotation); the other clouds as for any cluster.
  eks: (ctx) => [...kubernetesSnippets(ctx), ...(ctx.has('gcp') ? gcpCredentialConfigSnippets(ctx) : [])],
  // GKE's own workload identity: the metadata server gives Google Cloud tokens, no credential configuration.
  gke: kubernetesSnippets,
  terraformCloud: terraformCloudSnippets,
  oidc: (ctx) => [...(ctx.has('gcp') ? gcpCredentialConfigSnippets(ctx) : []), ...federatedEnvironmentSnippets(ctx)],
  runtime: (ctx) => {
    const home = ctx.source.type === 'runtime' ? ctx.source.cloud : undefined;
    return [...runtimeAttachmentSnippets(ctx), ...(home !== 'gcp' && ctx.has('gcp') ? gcpCredentialConfigSnippets(ctx) : []), ...federatedEnvironmentSnippets(ctx)];
  },
};

export function stackWiring(input: StackWiringInput): StackWiring {
  const listed = (o: StackOutput): WiringOutput => ({ name: o.name, description: o.description, ...(o.known !== undefined && { value: o.known }), command: outputCommand(input.stackDir, o.name) });
  // Grouped once: filtering every output per workload was quadratic (0.95 of 6.4 CPU s at 1,000 workloads).
  const outputsOf = new Map<string, (typeof input.identityOutputs)[number][]>();
  for (const o of input.identityOutputs) {
    const mine = outputsOf.get(o.workload);
    if (mine) mine.push(o);
    else outputsOf.set(o.workload, [o]);
  }
  const workloads = input.workloads.flatMap((workload): WorkloadWiring[] => {
    const outputs = outputsOf.get(workload.name) ?? [];
    if (!outputs.length) return [];
    const snippetsOf = (source: Source, key?: string) => {
      const ctx = new WiringContext(input.app, input.env, input.stack, input.stackDir, workload, outputs, source, key);
      return SNIPPETS[source.type === 'runtime' ? 'runtime' : (source.provider as FederatedFormName)](ctx);
    };
    // A runsOn list: the snippets of each source, each titled with its place in the list.
    const snippets = workload.sourceList
      ? workload.sources.flatMap((source, i) => snippetsOf(source, i > 0 ? sourceKey(source) : undefined).map((s) => ({ ...s, title: `runsOn[${i}] (${sourceForm(source)}): ${s.title}` })))
      : snippetsOf(workload.source);
    return [{ workload: workload.name, clouds: [...new Set(outputs.map((o) => o.cloud))], outputs: outputs.map(listed), snippets }];
  });
  return {
    stack: input.stack,
    environment: input.env.name,
    allOutputs: allOutputsCommand(input.stackDir),
    shared: input.sharedOutputs.map(listed),
    workloads,
  };
}
