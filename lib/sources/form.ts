/**
 * What one `runsOn` form defines. lib/sources/forms.ts lists every form; the config schema, the
 * raw types, the subject checks, the normalized Source and every cloud's trust derive from it.
 */
import type { Cloud } from '../access/vocabulary';
import type { ConfigPath, Problems } from '../spec/config-error';
import type { Schema } from '../spec/schema-parts';
import type { EnvironmentSpec, OidcSource } from '../spec/types';
import type { PlaceholderValues } from '../spec/placeholders';
import type { Trust } from './trust';

/**
 * A native runtime of `cloud`, which attaches the workload's identity there itself; identities
 * on the other clouds trust a token of that identity.
 */
export interface RuntimeForm<C extends Cloud, Runtime extends string> {
  readonly cloud: C;
  /** The runtimes the cloud offers, in schema order. */
  readonly runtimes: readonly Runtime[];
  /** The schema of `runsOn.<cloud>`. */
  readonly schema: Schema;
  /**
   * Readable prefixes of the GCP pool provider id of this cloud's own issuer, by issuer pattern
   * (the id is a prefix and a hash of the issuer, lib/gcp/provider-ids.ts). @default none: `oidc`
   */
  readonly gcpProviderPrefixes?: readonly (readonly [RegExp, string])[];
  /** Per other cloud: how an identity there trusts a workload of this cloud, in environment `env`. */
  readonly trustOn: Readonly<Record<Exclude<Cloud, C>, (env: EnvironmentSpec) => Trust>>;
}

/** What a federated source's token carries: a Source without its type and form. */
export type FederatedClaims = Omit<OidcSource, 'type' | 'provider'>;

/** What the checks of a raw config read of a federated form: its fields, by name. */
export interface FederatedFields<Field extends string = string> {
  /** The fields the subject is built from: checked for characters, wildcards and length. */
  readonly subjectFields: readonly Field[];
  /**
   * The field that names the subject's owner on a shared issuer, and whether a wildcard value
   * of it still names one owner. @default none: the issuer is the workload's own (a cluster)
   */
  readonly owner?: { readonly field: Field; readonly keptBy: (value: string) => boolean };
  /** A field holding the audience the workload requests, checked as free text. @default none */
  readonly audienceField?: Field;
  /** The field the issuer is built from, where a message on its length points. @default none: a fixed issuer */
  readonly issuerField?: Field;
  /**
   * A field that, where the config leaves it out, takes the environment's `setting` of `cloud`:
   * each environment the workload deploys to must then configure that cloud. @default none
   */
  readonly defaultsFromEnvironment?: { readonly field: Field; readonly cloud: Cloud; readonly setting: string };
  /**
   * Checks beyond the schema and the subject fields, on a value that may have failed the schema;
   * `clouds` are those the workload has an identity on. @default none
   */
  readonly check?: (value: Readonly<Record<string, unknown>>, path: ConfigPath, problems: Problems, clouds: readonly Cloud[]) => void;
}

/** A federated source: an OIDC issuer whose tokens carry a subject built from the form's fields. */
export interface FederatedForm<Raw> extends FederatedFields<keyof Raw & string> {
  /** The schema of `runsOn.<form>`. */
  readonly schema: Schema;
  /**
   * Readable prefixes of a GCP pool provider id, by issuer pattern (the id is a prefix and a hash
   * of the issuer, lib/gcp/provider-ids.ts). @default none: `oidc`
   */
  readonly gcpProviderPrefixes?: readonly (readonly [RegExp, string])[];
  /** The token's claims in environment `env`, from a value that passed the schema and the checks. */
  claims(raw: Raw, env: PlaceholderValues): FederatedClaims;
}
