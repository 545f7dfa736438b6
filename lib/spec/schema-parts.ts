/** Building blocks of the config's JSON Schema, shared by the schema and the runsOn forms (lib/sources). */

/** A JSON Schema fragment. */
export type Schema = Record<string, unknown>;

/** An https URL: host, optional port and path. */
export const HTTPS_URL = '^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$&\'()*+,;=:@/-]*)?$';
/**
 * A DNS host name: at most 253 characters, labels of 1-63 letters, digits and hyphens that neither
 * start nor end with a hyphen (RFC 1035 section 2.3.4 and RFC 1123 section 2.1,
 * https://www.rfc-editor.org/rfc/rfc1035#section-2.3.4, https://www.rfc-editor.org/rfc/rfc1123#section-2.1).
 */
export const HOSTNAME = '^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

/** A non-empty string. */
export const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', minLength: 1, description, ...extra });

/** An object of exactly these properties. */
export const obj = (properties: Record<string, Schema>, required: string[], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});

/** One of these strings. */
export const enumOf = (values: readonly string[], description: string): Schema => ({ type: 'string', enum: [...values], description });
