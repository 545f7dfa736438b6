import type { RawFinding, Rule } from '../rule';
import { IDENTITY_RESOURCES } from '../../terraform/identity-resources';

/** The tags every identity carries. */
export const IDENTITY_TAGS = ['app', 'environment', 'workload', 'owner'] as const;

export const identityTags: Rule = {
  id: 'WI-TAG-001',
  level: 'error',
  cloud: 'all',
  statement: 'Every identity is tagged (AWS, Azure) or labelled in its description (GCP) with app, environment, workload and owner.',
  why: 'Tags say who owns an identity and what it is for: they route alerts, drive reviews and let unused identities be found and removed.',
  fix: 'Tag the role or managed identity with app, environment, workload and owner; for a GCP service account end its description with [app=... environment=... workload=... owner=...].',
  check(ctx) {
    const findings: RawFinding[] = [];
    const defaults = ctx.index.awsDefaultTags();
    // AWS roles also carry the provider's default tags.
    const identities = (['aws', 'azure', 'gcp'] as const).flatMap((cloud) => {
      const { type, tagsOf } = IDENTITY_RESOURCES[cloud];
      return ctx.index.ofType(type).map((r) => [r, { ...(cloud === 'aws' && defaults), ...tagsOf(r.config) }] as const);
    });
    for (const [resource, t] of identities) {
      const missing = IDENTITY_TAGS.filter((k) => typeof t[k] !== 'string' || !t[k]);
      const expected: Record<string, string | undefined> = { app: ctx.app, environment: ctx.env.name, workload: resource.workload };
      const wrong = Object.entries(expected).filter(([k, v]) => v !== undefined && typeof t[k] === 'string' && t[k] !== v);
      if (missing.length || wrong.length) {
        const parts = [
          ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
          ...wrong.map(([k, v]) => `${k} is ${JSON.stringify(t[k])}, not ${JSON.stringify(v)}`),
        ];
        findings.push({ resource, message: `identity tags: ${parts.join('; ')}` });
      }
    }
    return findings;
  },
};
