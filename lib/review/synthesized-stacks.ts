/**
 * Synthesized stacks as the review reads them: `cdktf.out/stacks/<stack>/cdk.tf.json`, parsed,
 * plus the one piece of syntax the readers need, a Terraform reference `${type.name.attribute}`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One resource's configuration as synthesized. */
export type ResourceJson = Readonly<Record<string, unknown>>;

/** The parts of a synthesized stack the review reads. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceJson>>>>;
  readonly [key: string]: unknown;
}

/** Every stack of a synthesis, by stack name. */
export type SynthesizedStacks = Readonly<Record<string, SynthesizedStack>>;

/**
 * Reads the stacks under `dir`: a cdktf output dir (`<dir>/stacks/*`), its `stacks` dir, or a
 * project dir holding `cdktf.out`; none when a `stacks` dir is empty. Throws when there is no
 * `stacks` dir at all.
 */
export function readSynthesizedStacks(dir: string): SynthesizedStacks {
  const candidates = [path.join(dir, 'stacks'), dir, path.join(dir, 'cdktf.out', 'stacks')];
  for (const stacksDir of candidates) {
    if (!fs.existsSync(stacksDir) || !fs.statSync(stacksDir).isDirectory()) continue;
    const names = fs.readdirSync(stacksDir).filter((n) => fs.existsSync(path.join(stacksDir, n, 'cdk.tf.json'))).sort();
    if (names.length) {
      return Object.fromEntries(names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(stacksDir, n, 'cdk.tf.json'), 'utf8')) as SynthesizedStack]));
    }
  }
  // A `stacks` dir with no stack is a synthesis of nothing (e.g. a base before the first config).
  if (fs.existsSync(path.join(dir, 'stacks')) || path.basename(dir) === 'stacks') return {};
  throw new Error(`no synthesized stacks (stacks/<name>/cdk.tf.json) under ${dir}`);
}

/** The resources of one type, by name. */
export function resourcesOf(stack: SynthesizedStack, type: string): [string, ResourceJson][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** One resource by type and name. */
export function resourceAt(stack: SynthesizedStack, type: string, name: string): ResourceJson | undefined {
  return stack.resource?.[type]?.[name];
}

/** A parsed Terraform reference. */
export interface Reference {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const REFERENCE = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}/;

/** The first resource reference in a value (`${aws_iam_role.deployer.name}`), if any. */
export function referenceIn(value: unknown): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const m = REFERENCE.exec(value);
  return m ? { type: m[1], name: m[2], attribute: m[3] } : undefined;
}

/** A value for people: references shown as `type.name.attribute`, Terraform escapes undone. */
export function readable(value: string): string {
  return value.replace(/(?<!\$)\$\{([^}]+)\}/g, '$1').replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** A string field of a resource, or undefined. */
export function str(resource: ResourceJson | undefined, field: string): string | undefined {
  const v = resource?.[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
