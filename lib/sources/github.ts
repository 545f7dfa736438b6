/**
 * runsOn.github: a GitHub Actions job of one repository, in one environment or on one ref.
 * https://docs.github.com/en/actions/reference/openid-connect-reference
 */
import { obj, str } from '../spec/schema-parts';
import { shown } from '../spec/echo';
import { expandPlaceholders } from '../spec/placeholders';
import type { CoarsePin } from '../spec/types';
import { AWS_STS_AUDIENCE, AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { FederatedForm } from './form';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/**
 * Longest GitHub owner (user or organization) name: 39 characters, as GitHub's sign-up and
 * new-organization forms enforce (recorded with the forms' messages in github.com/dead-claudia/github-limits;
 * GitHub documents no number).
 */
export const GITHUB_OWNER_LENGTH = 39;
/** Longest GitHub repository name: 100 characters (github.com/dead-claudia/github-limits, Repository name). */
export const GITHUB_REPOSITORY_LENGTH = 100;

/**
 * OWNER/REPO, or GitHub's immutable form OWNER@ID/REPO@ID: "The immutable ID is appended to each
 * name with an `@` delimiter", e.g. `repo:octocat@123456/my-repo@456789:ref:refs/heads/main`, sent
 * for repositories created, renamed or transferred from mid-2026 on and for those opted in
 * (docs.github.com, Actions, OpenID Connect, "Immutable subject claims"; github/docs#45221;
 * github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens).
 */
const OWNER_REPO = /^([A-Za-z0-9_.-]+)(@[0-9]+)?\/([A-Za-z0-9_.-]+)(@[0-9]+)?$/;
const WILDCARD = /[*?]/;
/** An owner that a wildcard repository still keeps: its name, with its immutable id where given. */
const OWNER_PREFIX = /^[A-Za-z0-9_.-]+(@[0-9]+)?\//;

export interface RawGithub {
  readonly repository: string;
  readonly environment?: string;
  readonly ref?: string;
}

/**
 * The claims that pin a GitHub repository more coarsely than `sub`: the repository, then its
 * owner. Where the config gives GitHub's immutable ids (`OWNER@ID/REPO@ID`), the id claims
 * (`repository_id`, `repository_owner_id`), which a re-registered name cannot take over.
 */
export function githubPins(repository: string): CoarsePin[] {
  const [, , ownerId, , repoId] = OWNER_REPO.exec(repository) ?? [];
  if (ownerId && repoId) {
    return [
      { expression: 'assertion.repository_id', value: repoId.slice(1) },
      { expression: 'assertion.repository_owner_id', value: ownerId.slice(1) },
    ];
  }
  return [
    { expression: 'assertion.repository', value: repository },
    { expression: 'assertion.repository_owner', value: repository.split('/')[0] },
  ];
}

export const githubForm: FederatedForm<RawGithub> = {
  schema: obj(
    {
      repository: str('OWNER/REPO, or GitHub\'s immutable OWNER@ID/REPO@ID'),
      environment: str('GitHub environment the job runs in (exactly one of environment, ref)'),
      ref: str('git ref the job runs on, e.g. refs/heads/main (exactly one of environment, ref)'),
    },
    ['repository'],
  ),
  gcpProviderPrefixes: [[/^https:\/\/token\.actions\.githubusercontent\.com$/, 'github']],
  subjectFields: ['repository', 'environment', 'ref'],
  owner: { field: 'repository', keptBy: (value) => OWNER_PREFIX.test(value) },
  check(value, path, problems) {
    if ((value.environment === undefined) === (value.ref === undefined)) {
      problems.add(path, 'set exactly one of environment or ref: the subject must name one');
    }
    const repository = value.repository;
    if (typeof repository !== 'string') return;
    const parts = OWNER_REPO.exec(repository);
    if (!parts && !WILDCARD.test(repository)) {
      problems.add([...path, 'repository'], `${shown(repository)} is not OWNER/REPO (or OWNER@ID/REPO@ID, GitHub's immutable form)`);
      return;
    }
    if (parts && (parts[2] === undefined) !== (parts[4] === undefined)) {
      problems.add([...path, 'repository'], `${shown(repository)} gives one immutable id: GitHub's immutable subject carries both, OWNER@ID/REPO@ID`);
      return;
    }
    const [owner, repo = ''] = parts ? [parts[1], parts[3]] : repository.split('/');
    if (owner.length > GITHUB_OWNER_LENGTH || repo.length > GITHUB_REPOSITORY_LENGTH) {
      problems.add(
        [...path, 'repository'],
        `${shown(repository)} is longer than GitHub allows: an owner has at most ${GITHUB_OWNER_LENGTH} characters, a repository name ${GITHUB_REPOSITORY_LENGTH}`,
      );
    }
  },
  claims(g, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    const scope = g.environment !== undefined ? `environment:${e(g.environment)}` : `ref:${e(g.ref as string)}`;
    return {
      issuer: GITHUB_ISSUER,
      subject: `repo:${e(g.repository)}:${scope}`,
      audience: { aws: AWS_STS_AUDIENCE, azure: AZURE_TOKEN_EXCHANGE_AUDIENCE },
      coarsePins: githubPins(e(g.repository)),
    };
  },
};
