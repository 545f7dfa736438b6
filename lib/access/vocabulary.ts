/**
 * The clouds this project synthesizes identities on. The resource kinds and their levels, which
 * complete the access vocabulary, are in `lib/kinds` (one file per kind).
 */
export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];
