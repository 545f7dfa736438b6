/**
 * Project custom roles for levels no predefined role matches exactly, made once per
 * environment on first use. Their ids never change: a deleted custom role id stays reserved
 * for up to 44 days.
 */
import { Construct } from 'constructs';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import type { GcpCustomRole } from '../kinds/kind';
import { gcpCustomRoleId } from '../spec/names';

export class GcpCustomRoles extends Construct {
  private readonly made = new Map<string, ProjectIamCustomRole>();

  constructor(
    scope: Construct,
    id: string,
    private readonly app: string,
    private readonly envName: string,
    private readonly projectId: string,
  ) {
    super(scope, id);
  }

  /** The role name (`projects/P/roles/ID`) to bind, as a reference to the custom role. */
  roleName(role: GcpCustomRole): string {
    let made = this.made.get(role.id);
    if (!made) {
      const roleId = gcpCustomRoleId(this.app, this.envName, role.id);
      made = new ProjectIamCustomRole(this, role.id, {
        project: this.projectId,
        roleId,
        title: `${this.app} ${this.envName}: ${role.title}`,
        description: `Made by workload-identity for ${this.app}/${this.envName}`,
        permissions: [...role.permissions],
        stage: 'GA',
      });
      made.overrideLogicalId(roleId);
      this.made.set(role.id, made);
    }
    return made.name;
  }
}
