import { cdktfTokenIn, isTokenNumber } from './cdktf-token-syntax';
import type { ConfigPath } from './config-error';
import { Problems } from './config-error';
import { shown, shownName } from './echo';
import { isIamPolicyVariable } from './iam-policy-variables';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const TERRAFORM_SYNTAX = /[$%]\{/;
/** A `${...}` without nesting: a candidate IAM policy variable. */
const INTERPOLATION = /\$\{([^{}]*)\}/g;

/** What the placeholders stand for in one environment: its name, AWS account id and region, GCP project id. */
export interface PlaceholderValues {
  readonly env: string;
  /** Absent where the environment configures no AWS. */
  readonly account?: string;
  readonly region?: string;
  /** Absent where the environment configures no GCP. */
  readonly project?: string;
}

type Placeholder = keyof PlaceholderValues;

/** Where each placeholder's value comes from, for messages. */
const SOURCE_OF: Readonly<Record<Placeholder, string>> = {
  env: 'the environment name',
  account: 'aws.accountId',
  region: 'aws.region',
  project: 'gcp.projectId',
};
const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(SOURCE_OF, name);
const KNOWN = Object.keys(SOURCE_OF).map((p) => `{${p}}`).join(', ');

/**
 * What the config may say where a string is checked: `iamVariables(path)` holds where IAM
 * substitutes policy variables (a statement's Resource and Condition values), the only place a
 * `${...}` may appear, and then only as a genuine IAM policy variable (synth escapes it).
 * `environmentsOf(path)` are the environments the value at `path` is expanded for.
 */
export interface PlaceholderContext {
  readonly iamVariables: (path: ConfigPath) => boolean;
  readonly environmentsOf: (path: ConfigPath) => readonly PlaceholderValues[];
}

/**
 * Reports every value and key of the raw config that could become an expression: Terraform
 * template syntax (`${...}`, `%{...}`), cdktf's own token encodings (see cdktf-token-syntax.ts)
 * as written or once the placeholders are expanded, a number encoded like a cdktf token, any
 * `{placeholder}` other than `{env}`, `{account}`, `{region}`, `{project}`, and one of those in an
 * environment that lacks its value.
 */
export function checkPlaceholders(value: unknown, problems: Problems, context: PlaceholderContext, path: ConfigPath = []): void {
  if (typeof value === 'string') {
    checkString(value, problems, path, context, { iamVariables: context.iamVariables(path) });
  } else if (typeof value === 'number') {
    if (isTokenNumber(value)) problems.add(path, `${value} is encoded like a cdktf number token, which could become a reference: use another number`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkPlaceholders(item, problems, context, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      checkString(key, problems, [...path, key], context, { key: true });
      checkPlaceholders(item, problems, context, [...path, key]);
    }
  }
}

function checkString(value: string, problems: Problems, path: ConfigPath, context: PlaceholderContext, at: { readonly iamVariables?: boolean; readonly key?: boolean }): void {
  const what = at.key ? 'a key' : shown(value);
  const iamVariables = at.iamVariables ?? false;
  const environments = at.key ? [] : context.environmentsOf(path);
  const expanded = [value, ...environments.map((env) => expandPlaceholders(value, env)).filter((v) => v !== value)];
  const token = expanded.map(cdktfTokenIn).find((t) => t !== undefined);
  if (token !== undefined) {
    problems.add(path, `${what} contains cdktf token syntax (${shown(token)}), which would become a reference to another resource: never allowed`);
    return;
  }
  let text = value;
  if (iamVariables) {
    for (const [whole, inner] of value.matchAll(INTERPOLATION)) {
      if (!isIamPolicyVariable(inner)) {
        problems.add(path, `${shown(whole)} is not an IAM policy variable (a condition key such as \${aws:username}, or \${*}, \${?}, \${$}); no other "\${" is allowed`);
        return;
      }
    }
    text = value.replace(INTERPOLATION, '');
  }
  if (TERRAFORM_SYNTAX.test(text)) {
    problems.add(path, `${what} contains Terraform template syntax ("\${" or "%{"), which is never allowed${iamVariables ? ' outside an IAM policy variable' : ''}`);
    return;
  }
  if (at.key) return;
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!isPlaceholder(name)) {
      problems.add(path, `${what} has an unknown placeholder {${shownName(name)}}: only ${KNOWN} are replaced`);
      continue;
    }
    const without = environments.find((env) => env[name] === undefined);
    if (without) problems.add(path, `${what} uses {${name}}, which is ${SOURCE_OF[name]}, but environment ${shownName(without.env)} configures no ${name === 'project' ? 'gcp' : 'aws'}`);
  }
}

/** Replaces `{env}`, `{account}`, `{region}` and `{project}` with the environment's values; one it lacks stays as written (validation refused it where it matters). */
export function expandPlaceholders(value: string, values: PlaceholderValues): string {
  return value.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? (values[name] ?? whole) : whole));
}

/** Expands the placeholders in every string value of a flat record. */
export function expandPlaceholdersIn(record: Readonly<Record<string, string>>, values: PlaceholderValues): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expandPlaceholders(v, values)]));
}
