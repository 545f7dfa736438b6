/**
 * One synthesized stack's Terraform JSON, indexed once for every rule: resources by type with
 * their address and the workload and cloud they belong to (from the construct path cdktf
 * records in `//.metadata.path`, `<stack>/<workload>/<cloud>/...`, or else the identity's
 * tags), and parsed IAM documents, cached.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import { nameOfConstructId } from '../construct-ids';

/** The Terraform JSON of one stack, as cdktf writes it to `cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly provider?: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly [key: string]: unknown;
}

/** One resource of the stack. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `type.name`. */
  readonly address: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly workload?: string;
  readonly cloud?: Cloud;
}

const CLOUD_OF_PREFIX: readonly [string, Cloud][] = [
  ['aws_', 'aws'],
  ['google_', 'gcp'],
  ['azurerm_', 'azure'],
  ['azuread_', 'azure'],
];

/** The labels a GCP service account carries in its description: `[app=a environment=e ...]`. */
export function descriptionLabels(description: unknown): Record<string, string> {
  const match = typeof description === 'string' ? /\[([^\]]*)\]\s*$/.exec(description) : null;
  if (!match) return {};
  return Object.fromEntries(
    match[1]
      .split(/\s+/)
      .map((pair) => pair.split('='))
      .filter((kv) => kv.length === 2 && kv[0] && kv[1]),
  );
}

/** Reads a Terraform-escaped literal back (`$${` → `${`, `%%{` → `%{`). */
export function unescapeTerraform(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

export class StackIndex {
  private readonly byType = new Map<string, TfResource[]>();
  private readonly parsed = new Map<string, unknown>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly json: StackJson,
    stackName: string,
  ) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const list: TfResource[] = [];
      const cloud = CLOUD_OF_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1];
      for (const [name, config] of Object.entries(byName)) {
        list.push({ type, name, address: `${type}.${name}`, config, ...owner(config, stackName), ...(cloud && { cloud }) });
      }
      this.byType.set(type, list);
    }
  }

  /** The resources of one type. */
  ofType(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resources whose type matches. */
  matching(test: (type: string) => boolean): TfResource[] {
    return [...this.byType].filter(([type]) => test(type)).flatMap(([, list]) => list);
  }

  /** A JSON document held in a string attribute, parsed once; undefined when it is not JSON. */
  document(resource: TfResource, attribute: string, value = resource.config[attribute]): unknown {
    if (typeof value !== 'string') return value;
    const key = `${resource.address}\0${attribute}\0${value.length}`;
    if (!this.parsed.has(key)) {
      let doc: unknown;
      try {
        doc = JSON.parse(value);
      } catch {
        doc = undefined;
      }
      this.parsed.set(key, doc);
    }
    return this.parsed.get(key);
  }

  /** A value derived from the whole stack, computed once for every rule that asks for it under `key`. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** The provider-level default tags of the stack's AWS provider. */
  awsDefaultTags(): Record<string, string> {
    const provider = this.json.provider?.aws?.[0] as { default_tags?: { tags?: Record<string, string> }[] } | undefined;
    return Object.assign({}, ...(provider?.default_tags ?? []).map((d) => d.tags ?? {}));
  }
}

/** The workload (and cloud) a resource belongs to. */
function owner(config: Readonly<Record<string, unknown>>, stackName: string): { workload?: string; cloud?: Cloud } {
  const path = (config['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
  const parts = typeof path === 'string' ? path.split('/') : [];
  if (parts[0] === stackName && parts.length > 3 && (CLOUDS as readonly string[]).includes(parts[2])) {
    return { workload: nameOfConstructId(parts[1]), cloud: parts[2] as Cloud };
  }
  const tags = (config.tags as Record<string, unknown> | undefined) ?? descriptionLabels(config.description);
  return typeof tags.workload === 'string' ? { workload: tags.workload } : {};
}
