/**
 * Limits that only the whole normalized spec shows, reported as config problems before
 * anything is synthesized: what one GCP pool provider must admit and map, the service
 * accounts of a project, the principals of one allow policy (sources in lib/gcp/api-limits.ts),
 * AWS's (lib/config/aws-limits.ts), Azure Monitor's (lib/azure/monitoring-limits.ts) and Azure's for
 * identities (lib/azure/identity-api-rules.ts).
 */
import { azureIdentityProblems } from '../azure/identity-api-rules';
import { azureMonitoringProblems } from '../azure/monitoring-limits';
import { GCP_CONDITION_LIMIT, oidcCondition } from '../gcp/attribute-condition';
import type { Admission } from '../gcp/attribute-condition';
import { GCP_LIMITS, limit } from '../gcp/api-limits';
import { DEFAULT_AUDIENCE, allowedAudiences, mappedSubject, oidcProviderId, poolCanonicalName } from '../gcp/provider-ids';
import { sourcePath, trustsFor } from '../sources/source-list';
import { GCP_TARGETS, gcpRule } from '../kinds';
import type { GcpTargetName } from '../kinds';
import { checkAwsLimits } from './aws-limits';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { listed, shown, shownName } from '../spec/echo';
import { gcpPoolId } from '../spec/names';
import { PRINCIPAL_ID_LENGTH } from '../gcp/api-limits';
import type { CloudResourceFields, EnvironmentSpec, GcpEnvironment, Spec, WorkloadSpec } from '../spec/types';

const usesGcp = (w: WorkloadSpec) => w.clouds.includes('gcp');

/** Problems with limits of the synthesized resources. */
export function checkSpecLimits(spec: Spec): ConfigProblem[] {
  return [
    ...spec.environments.flatMap((env) => checkProviders(spec.app, env)),
    ...checkServiceAccounts(spec),
    ...checkAllowPolicies(spec),
    ...azureMonitoringProblems(spec),
    ...azureIdentityProblems(spec),
    ...checkAwsLimits(spec),
  ];
}

/** Per OIDC provider of an environment's pool: the condition, the mapped subjects, the audiences. */
function checkProviders(app: string, env: EnvironmentSpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byIssuer = new Map<string, { admitted: Admission[]; audiences: string[]; workloads: Set<string> }>();
  // Every source of every workload: a runsOn list admits each of its sources on its issuer's provider.
  for (const { w, trust, index } of env.workloads.filter(usesGcp).flatMap((w) => trustsFor(w, 'gcp', env).map((t) => ({ w, ...t })))) {
    if (trust.kind !== 'oidc') continue;
    const subject = typeof trust.subject === 'string' ? trust.subject : 'x'.repeat(PRINCIPAL_ID_LENGTH);
    const entry = byIssuer.get(trust.issuer) ?? { admitted: [], audiences: [], workloads: new Set<string>() };
    byIssuer.set(trust.issuer, entry);
    entry.workloads.add(w.name);
    entry.admitted.push({ subject, ...(trust.coarse && { coarse: trust.coarse }) });
    entry.audiences.push(trust.audience ?? DEFAULT_AUDIENCE);
    const mapped = Buffer.byteLength(mappedSubject(oidcProviderId(trust.issuer), subject));
    if (mapped > limit('subjectBytes')) {
      problems.push({
        path: sourcePath(w, index),
        message:
          `in environment ${env.name}, Google Cloud would map this source to a subject of ${mapped} bytes (the pool provider's id, a colon and ` +
          `${shown(subject)}); it accepts at most ${limit('subjectBytes')} (${GCP_LIMITS.subjectBytes.source}): shorten the subject, or leave gcp out of clouds`,
      });
    }
  }
  const gcp = env.gcp as GcpEnvironment;
  for (const [issuer, { admitted, audiences, workloads }] of byIssuer) {
    if (oidcCondition(admitted) === undefined) {
      problems.push({
        path: ['environments', env.name],
        message:
          `${admitted.length === workloads.size ? `${admitted.length} workloads` : `${admitted.length} sources of ${workloads.size} workload${workloads.size === 1 ? '' : 's'}`} federate into Google Cloud from ${shown(issuer)}: no attribute condition within Google's ` +
          `${GCP_CONDITION_LIMIT} characters admits them all (neither their subjects nor their coarser claims fit); ` +
          'split them over environments, or leave gcp out of some workloads’ clouds',
      });
    }
    const providerId = oidcProviderId(issuer);
    const allowed = allowedAudiences(audiences, poolCanonicalName(gcp.projectNumber, gcpPoolId(app, env.name), providerId)) ?? [];
    if (allowed.length > limit('audiencesPerProvider')) {
      problems.push({
        path: ['environments', env.name],
        message:
          `the workloads federating into Google Cloud from ${shown(issuer)} request ${allowed.length} audiences of one pool provider ` +
          `(${listed(allowed)}); Google allows ${limit('audiencesPerProvider')} (${GCP_LIMITS.audiencesPerProvider.source}): share audiences`,
      });
    }
  }
  return problems;
}

/** Service accounts per project, over every environment that uses the project. */
function checkServiceAccounts(spec: Spec): ConfigProblem[] {
  const byProject = new Map<string, { count: number; quota: number; envs: string[] }>();
  for (const env of spec.environments) {
    if (!env.gcp) continue;
    const entry = byProject.get(env.gcp.projectId) ?? { count: 0, quota: limit('serviceAccountsPerProject'), envs: [] };
    byProject.set(env.gcp.projectId, entry);
    entry.count += env.workloads.filter(usesGcp).length;
    entry.quota = Math.max(entry.quota, env.gcp.serviceAccountQuota ?? 0);
    entry.envs.push(env.name);
  }
  return [...byProject].flatMap(([project, { count, quota, envs }]) =>
    count <= quota
      ? []
      : [
          {
            path: ['environments', envs[envs.length - 1], 'gcp'],
            message:
              `project ${project} would hold ${count} service accounts of this config (environments ${listed(envs)}); its quota is ${quota} ` +
              `(${GCP_LIMITS.serviceAccountsPerProject.source}): raise the quota and set serviceAccountQuota, or split the workloads over projects`,
          },
        ],
  );
}

/** The allow policy a binding lands in. */
function policyOf(on: GcpTargetName | 'project', fields: CloudResourceFields, gcp: GcpEnvironment): string {
  if (on === 'project') return `project ${gcp.projectId}`;
  const target = GCP_TARGETS[on];
  return `${target.noun} ${target.policy(fields, gcp)}`;
}

/** Principals per allow policy (a bucket, a secret, a topic...), over every environment. */
function checkAllowPolicies(spec: Spec): ConfigProblem[] {
  const policies = new Map<string, { members: Set<string>; path: ConfigPath }>();
  const add = (policy: string, member: string, path: ConfigPath) => {
    const entry = policies.get(policy) ?? { members: new Set<string>(), path };
    policies.set(policy, entry);
    entry.members.add(member);
  };
  for (const env of spec.environments) {
    const gcp = env.gcp;
    if (!gcp) continue;
    for (const w of env.workloads.filter(usesGcp)) {
      const member = `${env.name}/${w.name}`;
      for (const { resource, levels } of w.grants) {
        const fields = resource.clouds.gcp;
        if (!fields) continue;
        for (const level of levels) {
          const rule = gcpRule(resource.kind, level);
          add(policyOf(rule.on, fields, gcp), `${'role' in rule ? rule.role : rule.custom.id} ${member}`, ['resources', resource.name]);
        }
      }
      w.extraAccess.gcp.forEach((b, i) => {
        const fields = b.on === 'project' ? {} : GCP_TARGETS[b.on].fieldsOf(b.name ?? '');
        add(policyOf(b.on, fields, gcp), `${b.role} ${member}`, ['workloads', w.name, 'extraAccess', 'gcp', i]);
      });
    }
  }
  const max = limit('principalsPerAllowPolicy');
  return [...policies]
    .filter(([, p]) => p.members.size > max)
    .map(([policy, p]) => ({
      path: p.path,
      message: `${p.members.size} role bindings of this config's identities would land in the allow policy of ${shownName(policy)}; Google allows ${max} principals per policy (${GCP_LIMITS.principalsPerAllowPolicy.source}): split the resource, or grant fewer workloads`,
    }));
}
