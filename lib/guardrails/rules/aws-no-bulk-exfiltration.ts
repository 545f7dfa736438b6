import { actionGrants, byWrittenPattern, shortList } from '../aws-grants';
import { EXFILTRATION_ACTIONS } from '../aws-risk-catalog';
import { reachesEveryResourceOf } from '../resource-reach';
import type { RawFinding, Rule } from '../rule';

export const awsNoBulkExfiltration: Rule = {
  id: 'WI-AWS-012',
  level: 'warning',
  cloud: 'aws',
  statement: 'No data read (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, RDS snapshot copies) reaches every resource of its type.',
  why: 'Unrestricted reads of objects, parameters and secrets have a long history of data leaks (cloudsplaining: data exfiltration, medium).',
  fix: 'Name the buckets, parameters and secrets the workload reads (the access vocabulary does).',
  check(ctx) {
    const findings: RawFinding[] = [];
    const reading = actionGrants(ctx).filter((g) => EXFILTRATION_ACTIONS.has(g.action) && g.patterns.some((p) => reachesEveryResourceOf(p, [g.action.split(':')[0]])));
    for (const { first, grants, detail } of byWrittenPattern(reading)) {
      findings.push({ resource: first.resource, detail, message: `${first.written} allows ${shortList(grants.map((g) => g.action))} on every resource of its type` });
    }
    return findings;
  },
};
