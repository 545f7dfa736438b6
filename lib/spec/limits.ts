/**
 * Limits that only the whole normalized spec shows: what one GCP pool provider must admit, and
 * AWS's (lib/spec/aws-limits.ts).
 * Reported as config problems, before anything is synthesized.
 */
import { GCP_CONDITION_LIMIT, oidcCondition } from '../gcp/attribute-condition';
import type { Admission } from '../gcp/attribute-condition';
import { trustFor } from '../federation/trust';
import { checkAwsLimits } from './aws-limits';
import type { ConfigProblem } from './config-error';
import type { Spec } from './types';

/** Length of a principal id (a GUID), which is only known at apply time. */
export const PRINCIPAL_ID_LENGTH = 36;

/** Problems with limits of the synthesized resources. */
export function checkSpecLimits(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const env of spec.environments) {
    const byIssuer = new Map<string, Admission[]>();
    for (const w of env.workloads) {
      if (!w.clouds.includes('gcp')) continue;
      const trust = trustFor(w.source, 'gcp', env);
      if (trust.kind !== 'oidc') continue;
      const subject = typeof trust.subject === 'string' ? trust.subject : 'x'.repeat(PRINCIPAL_ID_LENGTH);
      byIssuer.set(trust.issuer, [...(byIssuer.get(trust.issuer) ?? []), { subject, ...(trust.coarse && { coarse: trust.coarse }) }]);
    }
    for (const [issuer, admitted] of byIssuer) {
      if (oidcCondition(admitted) !== undefined) continue;
      problems.push({
        path: ['environments', env.name],
        message:
          `${admitted.length} workloads federate into Google Cloud from ${issuer}: no attribute condition within Google's ` +
          `${GCP_CONDITION_LIMIT} characters admits them all (neither their subjects nor their owners fit); ` +
          'split them over environments, or leave gcp out of some workloads’ clouds',
      });
    }
  }
  return [...problems, ...checkAwsLimits(spec)];
}
