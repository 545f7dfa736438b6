/** A workload's AWS permissions as policy statements, from the kinds' AWS grants. */
import { AWS_TARGETS, awsRules } from '../kinds';
import type { AwsTargetName } from '../kinds';
import type { AwsEnvironment, GrantSpec } from '../spec/types';
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
    const byTarget = new Map<AwsTargetName, { levels: string[]; actions: Set<string> }>();
    for (const level of levels) {
      for (const rule of awsRules(resource.kind, level)) {
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
        Resource: AWS_TARGETS[target].arn(fields, aws),
      });
    }
  }
  return statements;
}
