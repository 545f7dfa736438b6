/**
 * What IAM refuses in a policy statement that the schema cannot say: condition operators
 * outside IAM's grammar, resources that are neither `*` nor an ARN, actions that are not
 * `service:action`, and characters outside a policy document's range. Checked on extraAccess
 * statements at load, each problem with its path; generated statements meet them by
 * construction (test/aws/limits.test.ts checks every synthesized policy against the same rules).
 */
import type { ConfigPath } from './config-error';
import { Problems } from './config-error';
import { shown } from './echo';

/**
 * Condition operators, from the IAM JSON policy elements reference
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * string, numeric, date, Boolean, binary, IP address, ARN and Null operators.
 */
export const IAM_CONDITION_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
] as const;

/**
 * An operator as IAM reads it: an optional set operator (`ForAnyValue:`, `ForAllValues:`, same
 * page, "multivalued context keys"), a base operator, and an optional `IfExists` suffix, which
 * the reference allows on every operator "except the Null condition".
 */
export function brokenConditionOperator(operator: string): string | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/.exec(operator);
  const base = m?.[2] ?? '';
  if (!m || !(IAM_CONDITION_OPERATORS as readonly string[]).includes(base)) {
    // Not the whole list of 27 operators: a message stays one readable line.
    return `${shown(operator)} is not an IAM condition operator (e.g. StringEquals, ArnLike, Bool, Null; optionally ForAnyValue: or ForAllValues: before, IfExists after)`;
  }
  if (base === 'Null' && m[3]) return 'NullIfExists is not an IAM condition operator: IfExists applies to every operator but Null';
  return undefined;
}

/**
 * A Resource or NotResource value: `*` or an ARN, `arn:partition:service:region:account:resource`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html and
 * reference-arns.html); region and account may be empty, wildcards and policy variables allowed.
 */
const RESOURCE = /^(?:\*|arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:.+)$/s;
/** An Action or NotAction value: `*` or `service:action` (reference_policies_elements_action.html). */
const ACTION = /^(?:\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;
/**
 * Policy documents may contain only tab, line feed, carriage return and U+0020 to U+00FF
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "IAM name requirements").
 */
const POLICY_CHARACTERS = /^[\t\n\r\x20-\xff]*$/;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Every string of a JSON value, keys included, with its path. */
function* strings(value: unknown, path: ConfigPath): Generator<[string, ConfigPath]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      yield [k, [...path, k]];
      yield* strings(v, [...path, k]);
    }
  }
}

/** Reports what IAM would refuse in one extraAccess statement at `path`. */
export function checkAwsStatement(statement: Record<string, unknown>, path: ConfigPath, problems: Problems): void {
  for (const [value, at] of strings(statement, path)) {
    if (!POLICY_CHARACTERS.test(value)) {
      problems.add(at, 'holds a character IAM policy documents refuse (allowed: tab, line feed, carriage return, U+0020 to U+00FF)');
    }
  }
  for (const field of ['Resource', 'NotResource'] as const) {
    list(statement[field]).forEach((r, i) => {
      if (typeof r === 'string' && !RESOURCE.test(r)) {
        problems.add(Array.isArray(statement[field]) ? [...path, field, i] : [...path, field], `${shown(r)} is neither * nor an ARN (arn:partition:service:region:account:resource)`);
      }
    });
  }
  for (const field of ['Action', 'NotAction'] as const) {
    list(statement[field]).forEach((a, i) => {
      if (typeof a === 'string' && !ACTION.test(a)) {
        problems.add(Array.isArray(statement[field]) ? [...path, field, i] : [...path, field], `${shown(a)} is not an IAM action (service:action, or *)`);
      }
    });
  }
  if (isObject(statement.Condition)) {
    for (const [operator, keys] of Object.entries(statement.Condition)) {
      const broken = brokenConditionOperator(operator);
      if (broken) problems.add([...path, 'Condition', operator], broken);
      for (const [key, values] of isObject(keys) ? Object.entries(keys) : []) {
        const bad = list(values).some((v) => !['string', 'number', 'boolean'].includes(typeof v));
        if (bad || list(values).length === 0) problems.add([...path, 'Condition', operator, key], 'must be a string, number or boolean, or a non-empty list of them');
      }
    }
  }
}
