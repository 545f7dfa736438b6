import { cdktfTokenIn, isTokenNumber } from './cdktf-token-syntax';
import type { ConfigPath } from './config-error';
import { Problems } from './config-error';
import { shown, shownName } from './echo';
import { isIamPolicyVariable } from './iam-policy-variables';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const TERRAFORM_SYNTAX = /[$%]\{/;
/** A `${...}` without nesting: a candidate IAM policy variable. */
const INTERPOLATION = /\$\{([^{}]*)\}/g;

/**
 * What the config may say where a string is checked: `iamVariables(path)` holds where IAM
 * substitutes policy variables (a statement's Resource and Condition values), the only place a
 * `${...}` may appear, and then only as a genuine IAM policy variable (synth escapes it).
 * `environments` are the names `{env}` may expand to.
 */
export interface PlaceholderContext {
  readonly iamVariables: (path: ConfigPath) => boolean;
  readonly environments: readonly string[];
}

/**
 * Reports every value and key of the raw config that could become an expression: Terraform
 * template syntax (`${...}`, `%{...}`), cdktf's own token encodings (see cdktf-token-syntax.ts)
 * as written or once `{env}` is expanded, a number encoded like a cdktf token, and any
 * `{placeholder}` other than `{env}`.
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
  const expanded = value.includes('{env}') ? [value, ...context.environments.map((env) => expandEnv(value, env))] : [value];
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
    if (name !== 'env') problems.add(path, `${what} has an unknown placeholder {${shownName(name)}}: only {env} is replaced`);
  }
}

/** Replaces `{env}` with the environment's name in a string. */
export function expandEnv(value: string, env: string): string {
  return value.split('{env}').join(env);
}

/** Replaces `{env}` in every string value of a flat record. */
export function expandEnvIn(record: Readonly<Record<string, string>>, env: string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expandEnv(v, env)]));
}
