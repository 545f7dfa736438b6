import type { Cloud } from '../../access/vocabulary';
import type { WorkloadSpec } from '../../spec/types';
import { homeCloudOf } from '../../sources/source-list';
import type { RawFinding, Rule } from '../rule';

/** The resource type of a workload's identity on each cloud. */
const IDENTITY_TYPE: Readonly<Record<Cloud, string>> = {
  aws: 'aws_iam_role',
  gcp: 'google_service_account',
  azure: 'azurerm_user_assigned_identity',
};

/** Whether one of the workload's grants names something on `cloud`: a resource with its fields, or an extraAccess entry. */
const grantsOn = (w: WorkloadSpec, cloud: Cloud) => w.grants.some((g) => g.resource.clouds[cloud]) || w.extraAccess[cloud].length > 0;

/** WI-IDLE-001: an identity on a cloud where its workload neither runs nor has a grant (only an explicit `clouds` makes one). */
export const noIdleIdentities: Rule = {
  id: 'WI-IDLE-001',
  level: 'warning',
  cloud: 'all',
  statement: 'Every identity of a workload has something to do: a grant on its cloud, or it is the identity where the workload runs (which the other clouds trust).',
  why:
    'An identity without a grant still carries a trust that admits the workload: a credential nobody needs, which alerts, reviews and audits then cover for nothing. ' +
    'By default no such identity is made; this finds the ones an explicit `clouds` asked for.',
  fix: 'Remove the cloud from the workload\'s clouds (the default is the cloud it runs on plus those its grants name), or grant it access there.',
  check(ctx) {
    const byName = new Map(ctx.env.workloads.map((w) => [w.name, w]));
    const findings: RawFinding[] = [];
    for (const [cloud, type] of Object.entries(IDENTITY_TYPE) as [Cloud, string][]) {
      for (const resource of ctx.index.ofType(type)) {
        const w = resource.workload === undefined ? undefined : byName.get(resource.workload);
        if (!w || homeCloudOf(w) === cloud || grantsOn(w, cloud)) continue;
        findings.push({ resource, message: `${w.name} has a ${cloud} identity but no grant on ${cloud} (clouds: ${w.clouds.join(', ')})` });
      }
    }
    return findings;
  },
};
