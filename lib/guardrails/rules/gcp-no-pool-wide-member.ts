import { gcpGrants } from '../gcp-bindings';
import type { RawFinding, Rule } from '../rule';

const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);
/** A principal set of a whole workload identity pool: `principalSet://iam.googleapis.com/<pool>/*`. */
const POOL_WIDE = /^principalSet:\/\/iam\.googleapis\.com\/.*\/\*$/;

export const gcpNoPoolWideMember: Rule = {
  id: 'WI-GCP-005',
  level: 'error',
  cloud: 'gcp',
  statement: 'No binding names a whole workload identity pool (principalSet://.../*), allUsers or allAuthenticatedUsers.',
  why: 'A pool-wide member lets every identity the pool admits, now or later, act with the binding\'s role; public members let anyone.',
  fix: 'Name one principal (principal://.../subject/SUBJECT) or a principal set of one mapped attribute value.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const g of gcpGrants(ctx)) {
      for (const member of g.members.filter((m) => PUBLIC.has(m) || POOL_WIDE.test(m))) {
        findings.push({ resource: g.resource, detail: `Member::${member}`, message: `grants ${g.role} to ${member}` });
      }
    }
    return findings;
  },
};
