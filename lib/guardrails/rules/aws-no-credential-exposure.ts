import { actionGrants, broadPatterns, byWrittenPattern, shortList } from '../aws-grants';
import { CREDENTIAL_ACTIONS } from '../aws-risk-catalog';
import type { RawFinding, Rule } from '../rule';

export const awsNoCredentialExposure: Rule = {
  id: 'WI-AWS-011',
  level: 'error',
  cloud: 'aws',
  statement:
    'No action that returns a credential (ec2:GetPasswordData, rds-db:connect, redshift:GetClusterCredentials, ecr:GetAuthorizationToken, sts:GetFederationToken...) ' +
    'is allowed on more than one named resource (wildcard-only ones included).',
  why:
    'These calls hand back a password, token or key for another identity or resource: allowed broadly, they let the workload log in as any database user or into any instance ' +
    '(cloudsplaining: credentials exposure, high; parliament: credentials exposure).',
  fix: 'Name the one resource (e.g. arn:aws:rds-db:<region>:<account>:dbuser:<db-resource-id>/<user>); for a wildcard-only action, suppress with the reason the workload needs it.',
  check(ctx) {
    const findings: RawFinding[] = [];
    const exposing = actionGrants(ctx).filter((g) => CREDENTIAL_ACTIONS.has(g.action) && broadPatterns(g).length > 0);
    for (const { first, grants, detail } of byWrittenPattern(exposing)) {
      const on = shortList(grants.flatMap(broadPatterns), 2);
      findings.push({ resource: first.resource, detail, message: `${first.written} allows ${shortList(grants.map((g) => g.action))} on ${on}, which return credentials` });
    }
    return findings;
  },
};
