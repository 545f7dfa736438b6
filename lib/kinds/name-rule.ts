/** The naming rule of one field that names a resource, checked after `{env}` is expanded. */
export interface NameRule {
  readonly pattern: RegExp;
  /** What the cloud requires, for the error message. */
  readonly rule: string;
  /** Where the rule comes from: the provider's validation (file:line) or the cloud's documentation. */
  readonly source: string;
}

/** A name rule from its pattern, its text and its source. */
export const nameRule = (pattern: RegExp, rule: string, source: string): NameRule => ({ pattern, rule, source });
