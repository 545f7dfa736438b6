/**
 * The GCP escape hatch: a workload's extra role bindings, each on the named resource or on the
 * environment's project (which the guardrails flag). Addresses: `<workload>_extra_<index>`.
 */
import type { Construct } from 'constructs';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GCP_TARGETS } from '../kinds';
import type { GcpEnvironment, GcpExtraBinding } from '../spec/types';
import { bindOnResource } from './bindings';
import { formatWorkloadAddress } from '../terraform/workload-address';

/** Makes every extra binding of `workload` for `member`. */
export function bindExtraAccess(scope: Construct, workload: string, bindings: readonly GcpExtraBinding[], gcp: GcpEnvironment, member: string): void {
  bindings.forEach((b, i) => {
    const address = formatWorkloadAddress({ of: 'extra', workload, index: i });
    if (b.on === 'project') {
      new ProjectIamMember(scope, address, { project: gcp.projectId, role: b.role, member }).overrideLogicalId(address);
    } else {
      const target = GCP_TARGETS[b.on];
      bindOnResource(scope, address, target, target.fieldsOf(b.name as string), gcp, b.role, member).overrideLogicalId(address);
    }
  });
}
