import { dropsOwner } from '../../sources/owner-pattern';
import { trustPolicies } from '../aws-policies';
import type { RawFinding, Rule } from '../rule';

/** The id of this rule, which no suppression may name: a WI-FED-001 suppression widens a subject, never drops its owner. */
export const FEDERATION_OWNER_RULE = 'WI-FED-002';

const GITHUB_SUB = /^token\.actions\.githubusercontent\.com(?:\/[a-zA-Z0-9_-]+)?:sub$/;

export const federationOwnerKept: Rule = {
  id: FEDERATION_OWNER_RULE,
  level: 'error',
  cloud: 'aws',
  statement: 'No federated trust admits every owner of a shared issuer: no `*`, `repo:*`, `repo:*/*` or `organization:*` subject, even when WI-FED-001 is suppressed.',
  why:
    'GitHub and Terraform Cloud sign tokens for every organization on the platform: a subject pattern without a literal owner lets anyone with a repository or workspace there assume the role ' +
    '(checkov CKV_AWS_358).',
  fix: 'Name the owner in runsOn (repository `acme/*`, organization `acme`); this rule cannot be suppressed.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const { resource, statements } of trustPolicies(ctx)) {
      for (const statement of statements.filter((s) => s.effect === 'Allow')) {
        for (const keys of Object.values(statement.condition)) {
          for (const [key, values] of Object.entries(keys)) {
            if (!key.endsWith(':sub')) continue;
            const bad = values.filter((v) => dropsOwner(v, GITHUB_SUB.test(key)));
            if (bad.length) findings.push({ resource, detail: 'Condition::sub-owner', message: `the trust admits every owner of the issuer (${key} ${bad.join(', ')})` });
          }
        }
      }
    }
    return findings;
  },
};
