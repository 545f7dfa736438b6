/** A workload's AWS permissions as policy statements, from the access table. */
import { AWS_ACCESS } from '../access/aws';
import type { AwsArnTarget, AwsRule } from '../access/aws';
import type { AwsEnvironment, GrantSpec } from '../spec/types';
import { awsArn } from './arns';
import type { PolicyStatement } from './policy-document';
import { grantSid } from './statement-ids';

/**
 * One statement per resource and ARN, with the actions of every granted level on it, in config
 * order. Statement ids name the levels, the ARN's target and the resource
 * (`lib/aws/statement-ids.ts`), so policy diffs read well and no two collide.
 */
export function awsGrantStatements(grants: readonly GrantSpec[], aws: AwsEnvironment): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const { resource, levels } of grants) {
    const fields = resource.clouds.aws;
    if (!fields) continue;
    const byTarget = new Map<AwsArnTarget, { levels: string[]; actions: Set<string> }>();
    for (const level of levels) {
      for (const rule of (AWS_ACCESS[resource.kind] as Record<string, readonly AwsRule[]>)[level]) {
        const entry = byTarget.get(rule.on) ?? { levels: [], actions: new Set<string>() };
        if (!entry.levels.includes(level)) entry.levels.push(level);
        rule.actions.forEach((a) => entry.actions.add(a));
        byTarget.set(rule.on, entry);
      }
    }
    for (const [target, entry] of byTarget) {
      statements.push({
        Sid: grantSid(resource.name, entry.levels, target),
        Effect: 'Allow',
        Action: [...entry.actions].sort(),
        Resource: awsArn(target, fields, aws),
      });
    }
  }
  return statements;
}
