import type { RawFinding, Rule } from '../rule';

/** The longest role session AWS allows, in seconds. */
export const AWS_MAX_SESSION_SECONDS = 12 * 3600;
/** Terraform's default for max_session_duration. */
const DEFAULT_SESSION_SECONDS = 3600;

export const awsSessionLimit: Rule = {
  id: 'WI-AWS-006',
  level: 'error',
  cloud: 'aws',
  statement: "A role's maximum session is at most its workload's configured session.maxMinutes, and never over 12 hours.",
  why: 'A stolen session token stays valid until it expires: the session limit bounds how long a leak is useful.',
  fix: 'Lower max_session_duration to the workload\'s session.maxMinutes × 60 (at most 43200), or raise session.maxMinutes in the config on purpose.',
  check(ctx) {
    const minutes = new Map(ctx.env.workloads.map((w) => [w.name, w.sessionMinutes]));
    const findings: RawFinding[] = [];
    for (const resource of ctx.index.ofType('aws_iam_role')) {
      const seconds = Number(resource.config.max_session_duration ?? DEFAULT_SESSION_SECONDS);
      const configured = resource.workload !== undefined ? minutes.get(resource.workload) : undefined;
      const limit = Math.min(AWS_MAX_SESSION_SECONDS, configured !== undefined ? configured * 60 : AWS_MAX_SESSION_SECONDS);
      if (!(seconds <= limit)) {
        findings.push({ resource, message: `max_session_duration is ${seconds} s; the limit is ${limit} s${configured !== undefined ? ` (session.maxMinutes ${configured})` : ' (12 hours)'}` });
      }
    }
    return findings;
  },
};
