/** A workload's AWS permissions as policy statements, from the access table. */
import { AWS_ACCESS } from '../access/aws';
import type { AwsRule } from '../access/aws';
import type { AwsEnvironment, GrantSpec } from '../spec/types';
import { awsArn } from './arns';
import type { PolicyStatement } from './policy-document';

/**
 * One statement per resource and ARN, with the actions of every granted level, in config
 * order. Statement ids name the resource and levels, so policy diffs read well.
 */
export function awsGrantStatements(grants: readonly GrantSpec[], aws: AwsEnvironment): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const { resource, levels } of grants) {
    const fields = resource.clouds.aws;
    if (!fields) continue;
    const byArn = new Map<string, Set<string>>();
    for (const level of levels) {
      for (const rule of (AWS_ACCESS[resource.kind] as Record<string, readonly AwsRule[]>)[level]) {
        const arn = awsArn(rule.on, fields, aws);
        const actions = byArn.get(arn) ?? new Set<string>();
        rule.actions.forEach((a) => actions.add(a));
        byArn.set(arn, actions);
      }
    }
    [...byArn].forEach(([arn, actions], i) =>
      statements.push({
        Sid: sid(resource.name, levels, byArn.size > 1 ? i : undefined),
        Effect: 'Allow',
        Action: [...actions].sort(),
        Resource: arn,
      }),
    );
  }
  return statements;
}

/** Statement id: alphanumeric, e.g. `InvoicesReadWrite` or `InvoicesReadWrite1`. */
function sid(resource: string, levels: readonly string[], index?: number): string {
  const camel = (s: string) => s.split(/[^A-Za-z0-9]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${camel(resource)}${levels.map(camel).join('')}${index ?? ''}`;
}
