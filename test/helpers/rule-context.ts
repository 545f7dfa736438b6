/** Runs one guardrail rule on literal Terraform JSON, without synthesizing anything (cdk-nag style unit tests). */
import type { Rule, RuleContext } from '../../lib/guardrails/rule';
import { StackIndex } from '../../lib/guardrails/stack-index';
import type { StackJson } from '../../lib/terraform/stack-json';
import { parseSpec } from '../../lib/config/load';
import { config, threeCloudEnvironment, workload } from './configs';

/** Environment `dev` of app `acme`, on three clouds, with workload `api` (session.maxMinutes 60) and an AWS permissions boundary. */
export const ENV = parseSpec(
  config(
    workload('api', '{ aws: lambda }', [], '    session: { maxMinutes: 60 }\n'),
    threeCloudEnvironment('dev').replace('region: us-east-1 }', 'region: us-east-1, permissionsBoundaryArn: "arn:aws:iam::111111111111:policy/boundary" }'),
  ),
  'unit.yaml',
).environments[0];

/** The stack `acme-dev` holding `resource` (type → name → config). */
export const stackOf = (resource: StackJson['resource'], rest: Omit<StackJson, 'resource'> = {}): StackJson => ({ ...rest, resource });

/** The findings of `rule` on `stack`, as `address` or `address#detail`. */
export function findings(rule: Rule, stack: StackJson): string[] {
  const ctx: RuleContext = { app: 'acme', stack: 'acme-dev', env: ENV, index: new StackIndex(stack, 'acme-dev') };
  return rule.check(ctx).map((f) => (f.detail ? `${f.resource.address}#${f.detail}` : f.resource.address)).sort();
}
