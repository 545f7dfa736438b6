/**
 * Whether a subject pattern admits every owner of a shared issuer. Read by the config checks
 * (an oidc subject) and by the guardrail WI-FED-002 (every synthesized AWS trust).
 */

/**
 * checkov's gh_repo_regex (checkov/common/util/oidc_utils.py): a literal owner, `/`, a repository;
 * the owner may carry GitHub's immutable id (`acme@40000001/app@892000001`, docs.github.com
 * "Immutable subject claims"), which checkov's regex predates: an id pins the owner more, not less.
 */
const GITHUB_REPO = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*(@[0-9]+)?\/[^/]+/;
/** GitHub claims a sub may start with that anyone can choose (checkov gh_abusable_claims). */
const ABUSABLE = ['workflow', 'environment', 'ref', 'context', 'head_ref', 'base_ref'];

/**
 * Whether a subject pattern admits every owner of a shared issuer: a bare wildcard, a wildcard
 * first claim value (`repo:*`, `organization:*:...`), and for GitHub the checks of checkov
 * CKV_AWS_358 (a `repo:` not followed by a literal owner and `/`, a claim anyone can choose).
 */
export function dropsOwner(subject: string, github: boolean): boolean {
  if (/^[*?]*$/.test(subject)) return true;
  const claims = subject.split(':');
  if (claims.length === 1) return github;
  if (/^[*?]+/.test(claims[1]) || (claims[0] !== 'system' && /[*?]/.test(claims[0]))) return true;
  if (!github) return claims[0] === 'organization' && /[*?]/.test(claims[1]);
  if (ABUSABLE.some((c) => claims[0].startsWith(c))) return true;
  return claims[0] === 'repo' && !GITHUB_REPO.test(claims[1]);
}
