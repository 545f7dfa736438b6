/**
 * A workload's runsOn, read through the forms table: the cloud it runs on, its normalized
 * Source, and how each cloud's identity trusts it.
 *
 * Issuers are kept byte for byte as the config gives them: every cloud compares the token's
 * `iss` claim with the trusted issuer as a plain string (Entra: "must match the issuer claim of
 * the external token", AADSTS70021 otherwise; OIDC Core 1.0 section 3.1.3.7, "MUST exactly
 * match"), and AKS issuers end with `/` while GitHub's does not.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import type { EnvironmentSpec, Source } from '../spec/types';
import type { PlaceholderValues } from '../spec/placeholders';
import { FEDERATED_FORMS } from './forms';
import type { FederatedFormName, RawRunsOn } from './forms';
import { RUNTIME_FORMS } from './forms';
import type { FederatedForm } from './form';
import type { Trust } from './trust';

/** The cloud a runtime source runs on, or undefined for a federated source. */
export function homeCloud(runsOn: Readonly<Record<string, unknown>>): Cloud | undefined {
  return CLOUDS.find((cloud) => runsOn[cloud]);
}

/** Builds the normalized source of a workload in one environment. */
export function sourceOf(runsOn: RawRunsOn, env: PlaceholderValues): Source {
  const home = homeCloud(runsOn);
  if (home) return { type: 'runtime', cloud: home, runtime: runsOn[home] as string };
  const name = (Object.keys(FEDERATED_FORMS) as FederatedFormName[]).find((f) => runsOn[f]);
  if (!name) throw new Error(`runsOn names no known form (lib/sources/forms.ts): ${Object.keys(runsOn).join(', ')}`);
  const form = FEDERATED_FORMS[name] as FederatedForm<unknown>;
  return { type: 'oidc', provider: name, ...form.claims(runsOn[name], env) };
}

/** The trust of `source`'s identity on `target`, in environment `env`. */
export function trustFor(source: Source, target: Cloud, env: EnvironmentSpec): Trust {
  if (source.type === 'oidc' && source.podIdentity && target === 'aws') return { kind: 'eks-pod-identity', ...source.podIdentity };
  if (source.type === 'oidc') {
    if (target === 'gcp' && source.gcpMember) return { kind: 'gcp-member', member: source.gcpMember };
    return { kind: 'oidc', issuer: source.issuer, subject: source.subject, audience: source.audience[target], ...(source.coarsePins && { coarse: source.coarsePins }) };
  }
  if (source.cloud === target) return { kind: 'native', runtime: source.runtime };
  const others: Readonly<Partial<Record<Cloud, (env: EnvironmentSpec) => Trust>>> = RUNTIME_FORMS[source.cloud].trustOn;
  return (others[target] as (env: EnvironmentSpec) => Trust)(env);
}
