import type { ConfigPath } from './config-error';
import { Problems } from './config-error';
import { shown } from './echo';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const TERRAFORM_SYNTAX = /[$%]\{/;

/**
 * Reports every string in the raw config that could become a Terraform expression
 * (`${...}`, `%{...}`) or that holds a `{placeholder}` other than `{env}`. Strings where
 * `literal(path)` holds may carry `${...}` (IAM policy variables): synth escapes them.
 */
export function checkPlaceholders(value: unknown, problems: Problems, path: ConfigPath = [], literal: (path: ConfigPath) => boolean = () => false): void {
  if (typeof value === 'string') {
    // Literal text (IAM policy statements) is escaped at synth: `${aws:username}` stays a policy variable.
    const text = literal(path) ? value.replace(/[$%]\{[^{}]*\}/g, '') : value;
    if (TERRAFORM_SYNTAX.test(text)) {
      problems.add(path, `${shown(value)} contains Terraform template syntax ("\${" or "%{"), which is never allowed`);
      return;
    }
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (name !== 'env') problems.add(path, `${shown(value)} has an unknown placeholder {${name}}: only {env} is replaced`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkPlaceholders(item, problems, [...path, i], literal));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (TERRAFORM_SYNTAX.test(key)) problems.add([...path, key], 'a key may not contain Terraform template syntax');
      checkPlaceholders(item, problems, [...path, key], literal);
    }
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
