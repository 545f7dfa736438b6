/**
 * The security community's own suites as data (test/guardrails/peer-cases/*.json, each file
 * naming the repository, commit and file it was generated from by generate.py): escalation
 * paths (cloudsplaining, parliament, pathfinding.cloud), credential, permissions-management
 * and exfiltration lists, the spellings of "every resource", self-blinding, checkov's IAM
 * checks (CKV_AWS_62/63/286-290/355, with the verdicts its own tests assert) and GitHub subject
 * cases, and cdk-nag's IAM rule tests. Every case runs through the rule pack inside a real synthesized stack
 * (its trail, log group, alarms and topic); a representative subset also runs through the real
 * synth from a config (extraAccess and reasoned suppressions).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkStacks } from '../../lib/guardrails/run/check';
import type { Finding } from '../../lib/guardrails/rule';
import type { StackJson } from '../../lib/terraform/stack-json';
import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { synthChecked } from '../helpers/guardrails';

interface PeerCase {
  readonly id: string;
  readonly statement?: Record<string, unknown>;
  /** A whole policy's statements, where the peer's case is a policy rather than one statement. */
  readonly statements?: readonly Record<string, unknown>[];
  readonly sub?: string;
  readonly expect: 'refused' | 'accepted' | 'warned';
  /** For refused and warned: the rules, one of which must fire. */
  readonly rules?: readonly string[];
  /** Rules the case suppresses (with a reason, in the config subset). */
  readonly suppress?: readonly string[];
}

const DIR = path.join(__dirname, 'peer-cases');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { generatedFrom: string[]; cases: PeerCase[] };

const BASE = `
app: shop
environments:
  dev:
    aws: { accountId: "111111111111", region: us-east-1 }
    monitoring: { notify: [secops@example.com] }
resources:
  orders: { kind: bucket, aws: { bucket: "shop-orders-{env}" } }
workloads:
  api:
    description: Order API
    owner: team-shop
    runsOn: { aws: lambda }
    access: [{ resource: orders, allow: [read] }]
`;

/** What the rule pack says about one case's findings: the outcome, and the rules behind it. */
function outcome(c: PeerCase, findings: readonly Finding[]): { outcome: PeerCase['expect']; rules: string[] } {
  const open = findings.filter((f) => !c.suppress?.includes(f.rule));
  const errors = open.filter((f) => f.level === 'error').map((f) => f.rule);
  const warnings = open.filter((f) => f.level === 'warning').map((f) => f.rule);
  if (errors.length) return { outcome: 'refused', rules: [...new Set(errors)].sort() };
  return warnings.length ? { outcome: 'warned', rules: [...new Set(warnings)].sort() } : { outcome: 'accepted', rules: [] };
}

/** The judgement a case expects, in the same shape (a refusing rule must be one the case names; WI-AWS-002 for actions AWS has retired). */
function judged(c: PeerCase, got: { outcome: PeerCase['expect']; rules: string[] }): string {
  const expectedRules = c.rules ? [...c.rules, ...(c.expect === 'refused' ? ['WI-AWS-002'] : [])] : undefined;
  const ruleOk = !expectedRules || got.outcome === 'accepted' || got.rules.some((r) => expectedRules.includes(r));
  return `${c.id}: ${got.outcome}${ruleOk ? '' : ` by ${got.rules.join(', ')} (expected one of ${c.rules?.join(', ')})`}`;
}

/** A trust of a GitHub-federated role with one StringLike subject. */
const githubTrust = (sub: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
      },
    ],
  });

describe('peer suites', () => {
  const base = synthChecked(BASE);
  const stackJson = JSON.parse(fs.readFileSync(path.join(base.outdir, 'stacks', 'shop-dev', 'cdk.tf.json'), 'utf8')) as StackJson;
  const environment = parseSpec(BASE, 'test.yaml').environments[0];

  it('synthesizes the base stack cleanly, with the monitoring the self-blinding cases aim at', () => {
    expect(base.failed).toBe(false);
    expect(Object.keys(stackJson.resource ?? {})).toEqual(expect.arrayContaining(['aws_cloudtrail', 'aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm', 'aws_sns_topic']));
  });

  describe.each(FILES)('%s', (file) => {
    const { generatedFrom, cases } = load(file);

    it('names its sources', () => {
      expect(generatedFrom.length).toBeGreaterThan(0);
      expect(cases.length).toBeGreaterThan(0);
    });

    it('judges every case as a correct tool would (one stack, one rule pack run)', () => {
      // Each case is its own workload's policy (or role, for a trust case), added to the real stack.
      const policies: Record<string, Record<string, unknown>> = {};
      const roles: Record<string, Record<string, unknown>> = {};
      cases.forEach((c, i) => {
        const meta = { '//': { metadata: { path: `shop-dev/case${i}/aws/x` } } };
        const statements = c.statements ?? (c.statement ? [c.statement] : undefined);
        if (statements) policies[`case${i}`] = { ...meta, role: `case${i}`, policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
        if (c.sub !== undefined) roles[`case${i}`] = { ...meta, name: `shop-dev-case${i}`, assume_role_policy: githubTrust(c.sub), tags: { workload: `case${i}` } };
      });
      const resource = { ...stackJson.resource, aws_iam_role_policy: policies, aws_iam_role: roles };
      const result = checkStacks('shop', [{ name: 'shop-dev', environment, json: { ...stackJson, resource } }]);
      const byCase = (i: number) => result.findings.filter((f) => f.workload === `case${i}` && !(f.rule === 'WI-FED-001' || f.rule.startsWith('WI-TAG') || f.rule === 'WI-AWS-006'));
      const got = cases.map((c, i) => judged(c, outcome(c, byCase(i))));
      if (process.env.PEER_DEBUG) cases.forEach((c, i) => console.log(c.id, JSON.stringify(outcome(c, byCase(i))), byCase(i).map((f) => f.message.slice(0, 150)).join(" / ")));
      expect(got).toEqual(cases.map((c) => `${c.id}: ${c.expect}`));
    });
  });

  it('refuses and accepts the same way through the real synth (a representative subset, suppressions in the config)', () => {
    const subset = FILES.flatMap((f) => load(f).cases.filter((c, i) => (c.statement || c.statements) && i % 9 === 0));
    const workload = (c: PeerCase, i: number) => {
      const suppress = (c.suppress ?? []).map((rule) => ({ rule, reason: 'peer case: checks the rules after this one' }));
      return [
        `  case${i}:`,
        `    description: ${JSON.stringify(c.id.slice(0, 200))}`,
        '    owner: team-shop',
        '    runsOn: { aws: lambda }',
        '    access: []',
        `    extraAccess: { aws: ${JSON.stringify(c.statements ?? [c.statement])} }`,
        ...(suppress.length ? [`    suppress: ${JSON.stringify(suppress)}`] : []),
      ].join('\n');
    };
    // A case the loader refuses (a policy IAM itself would refuse at apply) is refused before any rule runs.
    const refusedAtLoad = new Set<number>();
    try {
      parseSpec(`${BASE}${subset.map(workload).join('\n')}\n`, 'test.yaml');
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const p of e.problems) if (p.path[0] === 'workloads') refusedAtLoad.add(Number(String(p.path[1]).replace('case', '')));
    }
    // Only cases IAM itself would refuse fail at load: `"Sid": ""` (the schema wants a Sid of IAM's characters, or none), `Resource: "abc*"` and `"arn*"` (not ARNs).
    expect([...refusedAtLoad].map((i) => subset[i].id.split(' (')[0])).toEqual(['cdk-nag IAMPolicyNoStatementsWithFullAccess Noncompliance 1', 'checkov CKV_AWS_62 aws_iam_policy.pass1', 'checkov CKV_AWS_63 test_sso_failure']);
    const synth = synthChecked(`${BASE}${subset.map((c, i) => (refusedAtLoad.has(i) ? '' : workload(c, i))).join('\n')}\n`);
    const got = subset.map((c, i) => {
      if (refusedAtLoad.has(i)) return `${c.id}: refused`;
      const findings = [...synth.result.findings, ...synth.result.suppressed].filter((f) => f.workload === `case${i}` && f.rule !== 'WI-AWS-005');
      return judged(c, outcome(c, findings));
    });
    expect(subset.length).toBeGreaterThan(50);
    expect(got).toEqual(subset.map((c) => `${c.id}: ${c.expect}`));
  });
});
