/**
 * IAM policy documents as objects, serialized once. Strings are escaped for Terraform so an
 * IAM policy variable such as `${aws:username}` stays literal instead of becoming an
 * interpolation.
 */
import { escapeTemplate } from '../terraform/template-escape';

export type ConditionBlock = Record<string, Record<string, string | string[] | boolean | number>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Record<string, string | string[]>;
  /** Exactly one of Action and NotAction. */
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** A policy document from its statements. */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Serializes a document for a Terraform string attribute. Tokens (cdktf references such as a
 * role ARN) pass through and resolve at synth; any literal `${` or `%{` is doubled so
 * Terraform reads it as text.
 */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc, (_key, value) => (typeof value === 'string' ? escapeTemplate(value) : value));
}
