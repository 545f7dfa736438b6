/**
 * Limits that only the whole normalized spec shows: how many subjects one GCP pool provider
 * must admit. Reported as config problems, before anything is synthesized.
 */
import { GCP_CONDITION_LIMIT, subjectCondition } from '../gcp/attribute-condition';
import { trustFor } from '../federation/trust';
import type { ConfigProblem } from './config-error';
import type { Spec } from './types';

/** Length of a principal id (a GUID), which is only known at apply time. */
const PRINCIPAL_ID_LENGTH = 36;

/** Problems with limits of the synthesized resources. */
export function checkSpecLimits(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const env of spec.environments) {
    const subjectsByIssuer = new Map<string, string[]>();
    for (const w of env.workloads) {
      if (!w.clouds.includes('gcp')) continue;
      const trust = trustFor(w.source, 'gcp', env);
      if (trust.kind !== 'oidc') continue;
      const subject = typeof trust.subject === 'string' ? trust.subject : 'x'.repeat(PRINCIPAL_ID_LENGTH);
      subjectsByIssuer.set(trust.issuer, [...(subjectsByIssuer.get(trust.issuer) ?? []), subject]);
    }
    for (const [issuer, subjects] of subjectsByIssuer) {
      const length = subjectCondition(subjects).length;
      if (length > GCP_CONDITION_LIMIT) {
        problems.push({
          path: ['environments', env.name],
          message:
            `${subjects.length} workloads federate into Google Cloud from ${issuer}: the pool provider's attribute condition ` +
            `listing their subjects would be ${length} characters, over Google's ${GCP_CONDITION_LIMIT}; ` +
            'split them over environments, or leave gcp out of some workloads’ clouds',
        });
      }
    }
  }
  return problems;
}
