/**
 * One synthesized stack's Terraform JSON, indexed once for every rule: resources by type with
 * their address and the workload and cloud they belong to (from the construct path cdktf
 * records in `//.metadata.path`, `<stack>/<workload>/<cloud>/...`, or else the identity's
 * tags), and parsed IAM documents, cached.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import { formatAddress } from '../terraform/address';
import { parseConstructId } from '../terraform/construct-id';
import { parseDescriptionLabels } from '../terraform/description-labels';
import { cloudOfResourceType } from '../terraform/resource-cloud';
import type { ResourceJson, StackJson } from '../terraform/stack-json';

/** One resource of the stack. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `type.name`. */
  readonly address: string;
  readonly config: ResourceJson;
  readonly workload?: string;
  readonly cloud?: Cloud;
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
      const cloud = cloudOfResourceType(type);
      for (const [name, config] of Object.entries(byName)) {
        list.push({ type, name, address: formatAddress({ type, name }), config, ...owner(config, stackName), ...(cloud && { cloud }) });
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
function owner(config: ResourceJson, stackName: string): { workload?: string; cloud?: Cloud } {
  const path = (config['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
  const parts = typeof path === 'string' ? path.split('/') : [];
  const workload = parts.length > 3 ? parseConstructId(parts[1]) : undefined;
  if (parts[0] === stackName && workload !== undefined && (CLOUDS as readonly string[]).includes(parts[2])) {
    return { workload, cloud: parts[2] as Cloud };
  }
  const tags = (config.tags as Record<string, unknown> | undefined) ?? parseDescriptionLabels(config.description) ?? {};
  return typeof tags.workload === 'string' ? { workload: tags.workload } : {};
}
