/**
 * Every `runsOn` form, in schema order: each cloud's native runtimes, then the federated
 * sources. The config schema, the raw types and the checks read this table: adding a source
 * means a file beside this one and a line below.
 */
import type { Cloud } from '../access/vocabulary';
import type { Schema } from '../spec/schema-parts';
import { awsForm } from './aws';
import { azureForm } from './azure';
import { eksForm } from './eks';
import type { FederatedFields, FederatedForm, RuntimeForm } from './form';
import { gcpForm } from './gcp';
import { githubForm } from './github';
import { gkeForm } from './gke';
import { kubernetesForm } from './kubernetes';
import { oidcForm } from './oidc';
import { terraformCloudForm } from './terraform-cloud';

/** Each cloud's native runtime form. */
export const RUNTIME_FORMS = { aws: awsForm, gcp: gcpForm, azure: azureForm } satisfies { readonly [C in Cloud]: RuntimeForm<C, string> };

/** The federated sources, by their key in runsOn. */
export const FEDERATED_FORMS = {
  kubernetes: kubernetesForm,
  eks: eksForm,
  gke: gkeForm,
  github: githubForm,
  terraformCloud: terraformCloudForm,
  oidc: oidcForm,
};

/** Readable GCP pool provider id prefixes of every form, by issuer pattern. */
export const GCP_PROVIDER_PREFIXES = [...Object.values(RUNTIME_FORMS), ...Object.values(FEDERATED_FORMS)].flatMap((form) => form.gcpProviderPrefixes ?? []);

/** The key of a federated source in runsOn. */
export type FederatedFormName = keyof typeof FEDERATED_FORMS;

/** Every federated form with its name, for the checks that read a raw value, which may not have passed the schema. */
export const FEDERATED_FORM_ENTRIES = Object.entries(FEDERATED_FORMS) as [FederatedFormName, FederatedFields][];

type RawOf<F> = F extends FederatedForm<infer Raw> ? Raw : never;

/** One source as written (runsOn, or one element of a runsOn list): one cloud's runtime or one federated source (the schema checks there is exactly one). */
export type RawRunsOn = { readonly [C in Cloud]?: (typeof RUNTIME_FORMS)[C]['runtimes'][number] } & {
  readonly [F in FederatedFormName]?: RawOf<(typeof FEDERATED_FORMS)[F]>;
};

/** The schema of one source: exactly one of the forms. */
export const sourceSchema: Schema = {
  type: 'object',
  description: 'where the workload runs: exactly one of these',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries([...Object.entries(RUNTIME_FORMS), ...Object.entries(FEDERATED_FORMS)].map(([name, form]) => [name, form.schema])),
};

/**
 * The schema of runsOn: one source, or a non-empty list of sources that are all trusted. An
 * if/then/else rather than a oneOf, so a bad source is reported at its own path, not as "matches
 * neither branch".
 */
export const runsOnSchema: Schema = {
  description: 'where the workload runs: one source, or a list of sources that are all trusted',
  if: { type: 'array' },
  then: { type: 'array', minItems: 1, items: sourceSchema },
  else: sourceSchema,
};
