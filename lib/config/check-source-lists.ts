/**
 * The checks of a runsOn list (lib/sources/source-list.ts) beyond those of each source:
 * - on the raw config: the sources of one list run natively on one cloud at most (a workload's
 *   code runs on one cloud; its identity there is attached by that cloud's runtimes);
 * - on the normalized spec: no source repeats another's issuer and subject (or runtime) once
 *   placeholders are expanded (a second trust of the same token would be a second name for one
 *   trust, and the source key names resources), reported at the second;
 *   and a cloud's limit on how many trusts one identity holds: AWS's role trust policy length,
 *   Azure's federated identity credentials per identity.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import { issuerKey, trustStatement } from '../aws/trust-policy';
import { policyDocument } from '../aws/policy-document';
import { policySize } from '../aws/policy-size';
import { ROLE_TRUST_POLICY_CHARS, ROLE_TRUST_POLICY_SOURCE } from '../aws/quotas';
import { AZURE_IDENTITY_LIMITS } from '../azure/identity-api-rules';
import { GOOGLE_ISSUER } from '../sources/gcp';
import { sourceKey, sourcePath, trustsFor } from '../sources/source-list';
import type { ConfigPath, ConfigProblem, Problems } from '../spec/config-error';
import { shownName } from '../spec/echo';
import type { AwsEnvironment, EnvironmentSpec, Spec, WorkloadSpec } from '../spec/types';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The sources of a raw runsOn with their paths: each element of a list, or runsOn itself. */
export function rawSources(runsOn: unknown, path: ConfigPath): [unknown, ConfigPath][] {
  return Array.isArray(runsOn) ? runsOn.map((s, i) => [s, [...path, i]]) : [[runsOn, path]];
}

/** Refuses a runsOn list whose runtime sources are of two clouds. */
export function checkRuntimeClouds(runsOn: unknown, path: ConfigPath, problems: Problems): void {
  if (!Array.isArray(runsOn)) return;
  let first: { cloud: Cloud; index: number } | undefined;
  runsOn.forEach((source, index) => {
    // A source naming several forms was reported by the schema: its first cloud stands for it.
    const cloud = isObject(source) ? CLOUDS.find((c) => source[c]) : undefined;
    if (cloud) {
      if (!first) first = { cloud, index };
      else if (first.cloud !== cloud) {
        problems.add(
          [...path, index, cloud],
          `runs on ${cloud}, but runsOn[${first.index}] runs on ${first.cloud}: a workload runs natively on one cloud (its identity there is attached by that cloud's runtimes); ` +
            'make it two workloads, or federate one of them (kubernetes, oidc...)',
        );
      }
    }
  });
}

/** The size (lib/aws/policy-size.ts) of the trust policy of a workload's role as IAM receives it: each provider ARN spelled out, as the account names it. */
export function awsTrustPolicySize(w: WorkloadSpec, env: EnvironmentSpec): number {
  const aws = env.aws as AwsEnvironment;
  const statements = trustsFor(w, 'aws', env).map(({ trust, key }) => {
    const arn =
      trust.kind === 'oidc' && trust.issuer !== GOOGLE_ISSUER
        ? (aws.existingOidcProviders?.[trust.issuer] ?? `arn:aws:iam::${aws.accountId}:oidc-provider/${issuerKey(trust.issuer)}`)
        : undefined;
    // A subject known only at apply (an Azure principal id) is a GUID: 36 characters.
    const subject = trust.kind === 'oidc' ? (typeof trust.subject === 'string' ? trust.subject : 'x'.repeat(36)) : undefined;
    return trustStatement(trust, aws.accountId, arn, subject, key);
  });
  return policySize(policyDocument(statements));
}

/** Problems of the runsOn lists of a normalized spec. */
export function checkSourceLists(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  const report = (path: ConfigPath, message: string) => {
    const key = path.join('\0');
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ path, message });
  };
  for (const env of spec.environments) {
    for (const w of env.workloads) {
      if (!w.sourceList) continue;
      const seen = new Map<string, number>();
      // Compared by source key: the same issuer and subject (or runtime) is one trust, whatever the audience
      // (Azure refuses two credentials of one issuer and subject on an identity), and keys name resources.
      w.sources.forEach((source, i) => {
        const id = sourceKey(source);
        const first = seen.get(id);
        if (first === undefined) return void seen.set(id, i);
        report(sourcePath(w, i), `is the same source as runsOn[${first}] in environment ${shownName(env.name)} (the same ${source.type === 'runtime' ? 'runtime' : 'issuer and subject'}, placeholders expanded): list each source once`);
      });
      if (seen.size !== w.sources.length) continue;
      if (w.clouds.includes('aws') && env.aws) {
        const size = awsTrustPolicySize(w, env);
        if (size > ROLE_TRUST_POLICY_CHARS) {
          report(
            ['workloads', w.name, 'runsOn'],
            `its AWS role's trust policy in environment ${shownName(env.name)} would be ${size} characters without whitespace, one statement per source; IAM allows ${ROLE_TRUST_POLICY_CHARS} ` +
              `(${ROLE_TRUST_POLICY_SOURCE}): list fewer sources (or split the workload), or have the account's quota raised (4,096 at most)`,
          );
        }
      }
      if (w.clouds.includes('azure') && env.azure) {
        const credentials = trustsFor(w, 'azure', env).filter((t) => t.trust.kind === 'oidc');
        const { max, source } = AZURE_IDENTITY_LIMITS.federatedCredentialsPerIdentity;
        const over = credentials[max];
        if (over) {
          report(
            sourcePath(w, over.index),
            `would be federated identity credential ${max + 1} of the workload's Azure identity; Azure allows ${max} per user-assigned identity ` +
              `(${source}): list fewer sources, or leave azure out of clouds`,
          );
        }
      }
    }
  }
  return problems;
}
