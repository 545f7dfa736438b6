import type { RawFinding, Rule } from '../rule';
import { descriptionLabels } from '../stack-index';

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
    const identities = [
      ...ctx.index.ofType('aws_iam_role').map((r) => [r, { ...defaults, ...(r.config.tags as object | undefined) }] as const),
      ...ctx.index.ofType('azurerm_user_assigned_identity').map((r) => [r, (r.config.tags as object | undefined) ?? {}] as const),
      ...ctx.index.ofType('google_service_account').map((r) => [r, descriptionLabels(r.config.description)] as const),
    ];
    for (const [resource, tags] of identities) {
      const t = tags as Record<string, unknown>;
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
