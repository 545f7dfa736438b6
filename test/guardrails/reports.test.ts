/**
 * The reports written with every synth: JSON, Markdown per workload, and SARIF 2.1.0 validated
 * with ajv against test/guardrails/sarif-2.1.0.subset.schema.json, a faithful subset of the
 * official schema (no installed package ships it and it cannot be downloaded here).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { RULES } from '../../lib/guardrails/rules/pack';
import { REPORT_FILES } from '../../lib/guardrails/run/reports';
import { ruleTable } from '../../lib/guardrails/rule-table';
import { example } from '../helpers/synth';
import { synthChecked } from '../helpers/guardrails';

const CONFIG = `app: shop
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
    extraAccess: { aws: [{ Effect: Allow, Action: "s3:Get*", Resource: "arn:aws:s3:::shop-orders-dev/*" }] }
  docs:
    description: Publishes docs from any acme repository
    owner: team-docs
    runsOn: { github: { repository: "acme/*", ref: refs/heads/main } }
    access: [{ resource: orders, allow: [read] }]
    suppress: [{ rule: WI-FED-001, reason: "every acme repository publishes docs" }]
`;

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  return ajv.compile(JSON.parse(read(__dirname, 'sarif-2.1.0.subset.schema.json')));
}

describe('guardrail reports', () => {
  const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-config-')), 'identity.yaml');
  fs.writeFileSync(configFile, CONFIG);
  const failing = synthChecked(CONFIG, undefined, configFile);
  const clean = synthChecked(example('identity.yaml'));
  const validate = sarifValidator();

  it('writes all three reports next to stacks/, and removes the stacks when synth fails', () => {
    expect(failing.reportDir).toBe(path.join(failing.outdir, 'guardrails'));
    expect(fs.readdirSync(failing.reportDir).sort()).toEqual(Object.values(REPORT_FILES).sort());
    expect(fs.readdirSync(failing.outdir)).toEqual(['guardrails']);
    expect(fs.readdirSync(clean.outdir).sort()).toEqual(['guardrails', 'manifest.json', 'stacks', 'wiring']);
    expect(fs.existsSync(path.join(clean.outdir, 'stacks', 'payments-prod', 'cdk.tf.json'))).toBe(true);
  });

  it('JSON: counts, every finding with rule, stack, workload, cloud, address and fix, and suppressions with reason and path', () => {
    const report = JSON.parse(read(failing.reportDir, REPORT_FILES.json));
    expect(report.summary).toEqual({ stacks: ['shop-dev'], errors: 1, warnings: 0, suppressed: 1, unusedSuppressions: 0 });
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(report.findings).toEqual([
      expect.objectContaining({
        id: 'aws_iam_role_policy.api#Action::s3:Get*',
        rule: 'WI-AWS-001',
        level: 'error',
        stack: 'shop-dev',
        workload: 'api',
        cloud: 'aws',
        address: 'aws_iam_role_policy.api',
        fix: RULES[0].fix,
      }),
    ]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ rule: 'WI-FED-001', workload: 'docs', suppression: { reason: 'every acme repository publishes docs', path: 'workloads.docs.suppress[0]' } }),
    ]);
    expect(report.identities).toContainEqual({ stack: 'shop-dev', workload: 'api', cloud: 'aws', address: 'aws_iam_role.api', name: 'shop-dev-api' });

    const cleanReport = JSON.parse(read(clean.reportDir, REPORT_FILES.json));
    expect(cleanReport.summary).toEqual({ stacks: ['payments-dev', 'payments-prod'], errors: 0, warnings: 0, suppressed: 0, unusedSuppressions: 0 });
    expect(cleanReport.findings).toEqual([]);
  });

  it('Markdown: per workload its identities, access, findings and suppressions with reasons', () => {
    const md = read(failing.reportDir, REPORT_FILES.markdown);
    const api = md.slice(md.indexOf('### api'), md.indexOf('### docs'));
    expect(api).toContain('| aws | `shop-dev-api` | `aws_iam_role.api` |');
    expect(api).toContain('- orders (bucket): read');
    expect(api).toContain('- extraAccess aws: `{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::shop-orders-dev/*"}`');
    expect(api).toMatch(/\| error \| WI-AWS-001 \| aws \| `aws_iam_role_policy.api#Action::s3:Get\*` \|/);
    const docs = md.slice(md.indexOf('### docs'));
    expect(docs).toContain('No findings.');
    expect(docs).toMatch(/\| WI-FED-001 \| `aws_iam_role.docs#Condition::sub` \| .* \| every acme repository publishes docs \| `workloads.docs.suppress\[0\]` \|/);
    const cleanMd = read(clean.reportDir, REPORT_FILES.markdown);
    expect(cleanMd).toContain('0 error(s), 0 warning(s), 0 suppressed finding(s)');
    expect(cleanMd.match(/^### /gm)).toHaveLength(5);
  });

  it('SARIF: valid 2.1.0, the pack as rules, results located at the workload in the config, suppressed ones marked', () => {
    const sarif = JSON.parse(read(failing.reportDir, REPORT_FILES.sarif));
    expect(validate(sarif)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    const [error, suppressed] = run.results;
    expect(error).toMatchObject({ ruleId: 'WI-AWS-001', ruleIndex: 0, level: 'error' });
    const uri = path.relative(process.cwd(), configFile).split(path.sep).join('/');
    expect(error.locations[0].physicalLocation).toEqual({ artifactLocation: { uri }, region: { startLine: CONFIG.split('\n').indexOf('  api:') + 1 } });
    expect(error.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'shop-dev/aws_iam_role_policy.api', kind: 'resource' }]);
    expect(suppressed.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'every acme repository publishes docs' }]);
    expect(suppressed.locations[0].physicalLocation.region.startLine).toBe(CONFIG.split('\n').findIndex((l) => l.includes('suppress:')) + 1);

    const cleanSarif = JSON.parse(read(clean.reportDir, REPORT_FILES.sarif));
    expect(validate(cleanSarif)).toBe(true);
    expect(cleanSarif.runs[0].results).toEqual([]);
  });

  it('the subset schema rejects what SARIF 2.1.0 rejects', () => {
    const sarif = JSON.parse(read(failing.reportDir, REPORT_FILES.sarif));
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
    const badLevel = structuredClone(sarif);
    badLevel.runs[0].results[0].level = 'critical';
    expect(validate(badLevel)).toBe(false);
    const unknownField = structuredClone(sarif);
    unknownField.runs[0].results[0].severity = 'high';
    expect(validate(unknownField)).toBe(false);
  });

  it('README: the guardrails section holds the rule table generated from the pack', () => {
    const readme = read(path.join(__dirname, '..', '..'), 'README.md');
    const section = readme.slice(readme.indexOf('<!-- section: guardrails -->'), readme.indexOf('<!-- section: monitoring -->'));
    const table = ruleTable(RULES);
    if (!section.includes(table)) throw new Error(`README guardrails section is out of date; its rule table must be:\n${table}`);
  });
});
