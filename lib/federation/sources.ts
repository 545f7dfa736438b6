/**
 * Where a workload runs, normalized: a native runtime of one cloud, or an OIDC issuer with
 * the exact subject built from the config's fields (never typed by the user).
 *
 * Issuers are kept byte for byte as the config gives them: every cloud compares the token's
 * `iss` claim with the trusted issuer as a plain string (Entra: "must match the issuer claim of
 * the external token", AADSTS70021 otherwise; OIDC Core 1.0 section 3.1.3.7, "MUST exactly
 * match"), and AKS issuers end with `/` while GitHub's does not.
 */
import type { Cloud } from '../access/vocabulary';
import type { RawRunsOn } from '../spec/raw-config';
import type { CoarsePin, Source } from '../spec/types';
import { expandPlaceholders } from '../spec/placeholders';
import type { PlaceholderValues } from '../spec/placeholders';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
export const AWS_STS_AUDIENCE = 'sts.amazonaws.com';
/** Terraform Cloud's default audience for AWS dynamic credentials (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE). */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

/** The fields of a runsOn form that become its subject, for wildcard checks and messages. */
export const SUBJECT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  kubernetes: ['namespace', 'serviceAccount'],
  github: ['repository', 'environment', 'ref'],
  terraformCloud: ['organization', 'project', 'workspace'],
  oidc: ['subject'],
};

/** The cloud a runtime source runs on, or undefined for an OIDC source. */
export function homeCloud(runsOn: RawRunsOn): Cloud | undefined {
  return runsOn.aws ? 'aws' : runsOn.gcp ? 'gcp' : runsOn.azure ? 'azure' : undefined;
}

/** Builds the normalized source of a workload in one environment. */
export function sourceOf(runsOn: RawRunsOn, env: PlaceholderValues): Source {
  const e = (s: string) => expandPlaceholders(s, env);
  const home = homeCloud(runsOn);
  if (home) return { type: 'runtime', cloud: home, runtime: runsOn[home] as string };
  if (runsOn.kubernetes) {
    const k = runsOn.kubernetes;
    return {
      type: 'oidc',
      provider: 'kubernetes',
      issuer: e(k.issuer),
      subject: `system:serviceaccount:${e(k.namespace)}:${e(k.serviceAccount)}`,
      audience: { aws: AWS_STS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: [{ expression: "assertion['kubernetes.io']['namespace']", value: e(k.namespace) }],
    };
  }
  if (runsOn.github) {
    const g = runsOn.github;
    const scope = g.environment !== undefined ? `environment:${e(g.environment)}` : `ref:${e(g.ref as string)}`;
    return {
      type: 'oidc',
      provider: 'github',
      issuer: GITHUB_ISSUER,
      subject: `repo:${e(g.repository)}:${scope}`,
      audience: { aws: AWS_STS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: githubPins(e(g.repository)),
    };
  }
  if (runsOn.terraformCloud) {
    const t = runsOn.terraformCloud;
    return {
      type: 'oidc',
      provider: 'terraformCloud',
      issuer: `https://${t.hostname ?? 'app.terraform.io'}`,
      subject: `organization:${e(t.organization)}:project:${e(t.project)}:workspace:${e(t.workspace)}:run_phase:${t.runPhase}`,
      audience: { aws: TFC_AWS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: [
        { expression: 'assertion.terraform_full_workspace', value: `organization:${e(t.organization)}:project:${e(t.project)}:workspace:${e(t.workspace)}` },
        { expression: 'assertion.terraform_organization_name', value: e(t.organization) },
      ],
    };
  }
  const o = runsOn.oidc as NonNullable<RawRunsOn['oidc']>;
  const audience = e(o.audience);
  return { type: 'oidc', provider: 'oidc', issuer: e(o.issuer), subject: e(o.subject), audience: { aws: audience, gcp: audience, azure: audience } };
}

/**
 * The claims that pin a GitHub repository more coarsely than `sub`: the repository, then its
 * owner. Where the config gives GitHub's immutable ids (`OWNER@ID/REPO@ID`), the id claims
 * (`repository_id`, `repository_owner_id`), which a re-registered name cannot take over.
 * https://docs.github.com/en/actions/reference/openid-connect-reference (token claims)
 */
export function githubPins(repository: string): CoarsePin[] {
  const ids = /^[^@/]+@([0-9]+)\/[^@/]+@([0-9]+)$/.exec(repository);
  if (ids) {
    return [
      { expression: 'assertion.repository_id', value: ids[2] },
      { expression: 'assertion.repository_owner_id', value: ids[1] },
    ];
  }
  return [
    { expression: 'assertion.repository', value: repository },
    { expression: 'assertion.repository_owner', value: repository.split('/')[0] },
  ];
}
