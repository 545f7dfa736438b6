/**
 * Every generated snippet, held by checkers that share no code with the generator: the GitHub
 * workflow against the workflow schema (@action-validator/core), Kubernetes manifests against
 * the official OpenAPI schema (kubernetes-models), shell against bash itself (`bash -n`, and a
 * run with every external command stubbed to print the words it was given). Config values that
 * are free text (a namespace, a GitHub environment, a Terraform Cloud workspace) carry quotes,
 * `$(...)`, `${{ }}` and newlines: each must arrive as exactly one word or one value.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Pod } from 'kubernetes-models/v1/Pod';
import { config, workload } from '../helpers/configs';
import { synthChecked } from '../helpers/guardrails';
import type { StackWiring } from '../../lib/wiring/stack-wiring';
import type { StackJson } from '../../lib/terraform/stack-json';
import { ofType } from '../helpers/synth';

const validator = require('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };

/**
 * Free text the loader accepts in a subject field (printable ASCII, no space, quote, backslash or
 * `${`: lib/config/validate.ts) that would break out of an unescaped YAML, shell or workflow value.
 */
const NASTY = 'a;$(touch>/tmp/wi-pwned)|b&c<d>#e[g]!h%i';
const ACCOUNT = 'sa>x|y:z';

/** A grant on every cloud, so that every workload has an identity (and a snippet) on each: clouds default to what a workload's grants name. */
const READS = ['{ resource: bucket, allow: [read] }'];

const CONFIG = config(
  [
    workload('ci', `{ github: { repository: acme/app, environment: ${JSON.stringify(NASTY)} } }`, ['{ resource: bucket, allow: [read] }']),
    workload('release', '{ github: { repository: acme/app, ref: refs/heads/main } }', READS),
    workload('pod', `{ kubernetes: { issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC", namespace: ${JSON.stringify(NASTY)}, serviceAccount: ${JSON.stringify(ACCOUNT)} } }`, READS),
    workload('tfc', `{ terraformCloud: { organization: acme, project: ${JSON.stringify(NASTY)}, workspace: "ws-{env}", runPhase: apply } }`, READS),
    workload('other', '{ oidc: { issuer: "https://issuer.example.com", subject: "job:42", audience: "api://job" } }', READS),
    workload('fn', '{ azure: functions }', ['{ resource: queue, allow: [consume] }']),
    workload('lambda', '{ aws: lambda }', READS),
    workload('vm', '{ aws: ec2 }', READS),
    workload('run', '{ gcp: cloud-run }', READS),
    workload('eks', '{ eks: { cluster: main, namespace: pay, serviceAccount: api, issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" } }', READS),
    workload('gke', '{ gke: { cluster: shop, location: europe-west1, namespace: shop, serviceAccount: worker } }', READS),
  ].join(''),
);

let wiring: StackWiring;
let stack: { output: Record<string, { value: string }> };
let outdir: string;
beforeAll(() => {
  const outcome = synthChecked(CONFIG);
  expect(outcome.failed).toBe(false);
  outdir = outcome.outdir;
  wiring = JSON.parse(fs.readFileSync(path.join(outdir, 'wiring', 'acme-dev.json'), 'utf8'));
  stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'acme-dev', 'cdk.tf.json'), 'utf8'));
}, 120_000);

const snippetsOf = (name: string) => {
  const w = wiring.workloads.find((x) => x.workload === name);
  if (!w) throw new Error(`no wiring for ${name}`);
  return w.snippets;
};
const allSnippets = () => wiring.workloads.flatMap((w) => w.snippets.map((s) => ({ workload: w.workload, ...s })));

/** Runs a shell snippet with every command stubbed: each prints `<command>` and its words, one per line, NUL-separated. */
function runStubbed(text: string): string[][] {
  const stubs = ['terraform', 'gh', 'kubectl', 'gcloud', 'aws', 'az', 'curl', 'jq', 'mkdir']
    .map((c) => `${c}() { printf '%s\\0' ${c} "$@"; printf '\\n'; }`)
    .join('\n');
  const run = spawnSync('bash', ['-c', `${stubs}\nterraform() { printf 'OUT'; }\n${text}`], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\0').slice(0, -1));
}

describe('GitHub Actions', () => {
  it('every workflow is valid against the workflow schema', () => {
    const workflows = allSnippets().filter((s) => s.title.startsWith('GitHub Actions workflow'));
    expect(workflows.map((s) => s.workload)).toEqual(['ci', 'release']);
    for (const s of workflows) expect(validator.validateWorkflow(s.text).errors).toEqual([]);
  });

  it('asks for an ID token, assumes the role, authenticates to Google Cloud and Azure with the stack values', () => {
    const [workflow, variables] = snippetsOf('ci');
    const doc = parse(workflow.text) as { jobs: Record<string, { permissions: Record<string, string>; environment: string; steps: { uses: string; with: Record<string, string> }[] }> };
    const job = doc.jobs.ci;
    expect(job.permissions['id-token']).toBe('write');
    const step = (uses: string) => job.steps.find((s) => s.uses.startsWith(uses))?.with ?? {};
    expect(step('aws-actions/configure-aws-credentials')['role-to-assume']).toBe('arn:aws:iam::111111111111:role/acme-dev-ci');
    expect(step('google-github-actions/auth').service_account).toBe('acme-dev-ci@acme-dev.iam.gserviceaccount.com');
    expect(step('google-github-actions/auth').workload_identity_provider).toBe(stack.output.ci_gcp_workload_identity_provider.value);
    expect(step('azure/login')['client-id']).toBe('${{ vars.WI_ACME_DEV_CI_AZURE_CLIENT_ID }}');
    expect(step('azure/login')['tenant-id']).toBe('00000000-0000-0000-0000-0000000000aa');
    // The variable is filled from the stack output by the command beside the workflow.
    const [[, ...words]] = runStubbed(variables.text);
    expect(words).toEqual(['variable', 'set', 'WI_ACME_DEV_CI_AZURE_CLIENT_ID', '--repo', 'acme/app', '--body', 'OUT']);
  });

  it('a GitHub environment is the text the identity trusts, whatever its characters', () => {
    const doc = parse(snippetsOf('ci')[0].text) as { jobs: { ci: { environment: string } } };
    expect(doc.jobs.ci.environment).toBe(NASTY);
  });

  it('a ref-pinned job runs only on that ref', () => {
    const doc = parse(snippetsOf('release')[0].text) as { jobs: { release: { if: string } } };
    expect(doc.jobs.release.if).toBe("github.ref == 'refs/heads/main'");
  });
});

describe('Kubernetes', () => {
  it('the ServiceAccount and the Pod are valid against the Kubernetes schema, names exactly as configured', () => {
    const [account, , pod] = snippetsOf('pod');
    const sa = parse(account.text);
    new ServiceAccount(sa).validate();
    expect(sa.metadata).toEqual({ name: ACCOUNT, namespace: NASTY, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/acme-dev-pod' } });
    const p = parse(pod.text);
    new Pod(p).validate();
    expect(p.spec.serviceAccountName).toBe(ACCOUNT);
    expect(p.metadata.labels).toEqual({ 'azure.workload.identity/use': 'true' });
    const volume = p.spec.volumes.find((v: { projected?: unknown }) => v.projected);
    expect(volume.projected.sources[0].serviceAccountToken.audience).toBe(`//iam.googleapis.com/${stack.output.pod_gcp_workload_identity_provider.value}`);
  });

  it("GKE: the ServiceAccount names the service account it impersonates, and the Pod needs no token volume or credential file", () => {
    const [account, , pod] = snippetsOf('gke');
    const sa = parse(account.text);
    new ServiceAccount(sa).validate();
    // The annotation Google documents: iam.gke.io/gcp-service-account=GSA_NAME@GSA_PROJECT.iam.gserviceaccount.com
    // (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity), the account this stack makes.
    const gsa = ofType(stack as unknown as StackJson, 'google_service_account').gke;
    expect(sa.metadata.annotations['iam.gke.io/gcp-service-account']).toBe(`${gsa.account_id}@${gsa.project}.iam.gserviceaccount.com`);
    const p = parse(pod.text);
    new Pod(p).validate();
    expect(p.spec.serviceAccountName).toBe('worker');
    expect(p.spec.volumes ?? []).toEqual(expect.not.arrayContaining([expect.objectContaining({ projected: expect.anything() })]));
    expect(p.spec.containers[0].env ?? []).toEqual([]);
    expect(snippetsOf('gke').some((x) => x.text.includes('create-cred-config') || x.text.includes('kubectl create configmap'))).toBe(false);
  });

  it('EKS Pod Identity: the ServiceAccount carries no IRSA role annotation (the association names the role), and is valid', () => {
    const [account] = snippetsOf('eks');
    const sa = parse(account.text);
    new ServiceAccount(sa).validate();
    expect(sa.metadata.name).toBe('api');
    expect(Object.keys(sa.metadata.annotations ?? {})).not.toContain('eks.amazonaws.com/role-arn');
  });

  it('the AKS client id, known after apply, is annotated by a command that passes each name as one word', () => {
    const annotate = snippetsOf('pod').find((s) => s.title.startsWith('After apply'));
    const [[command, ...words]] = runStubbed(annotate?.text ?? '');
    expect(command).toBe('kubectl');
    expect(words).toEqual(['annotate', 'serviceaccount', ACCOUNT, '--namespace', NASTY, '--overwrite', 'azure.workload.identity/client-id=OUT']);
    expect(fs.existsSync('/tmp/wi-pwned')).toBe(false);
  });
});

describe('shell', () => {
  it('every shell snippet parses (bash -n)', () => {
    const shell = allSnippets().filter((s) => s.language === 'shell');
    expect(shell.length).toBeGreaterThan(10);
    for (const s of shell) {
      const check = spawnSync('bash', ['-n'], { input: s.text, encoding: 'utf8' });
      expect({ workload: s.workload, title: s.title, stderr: check.stderr }).toEqual({ workload: s.workload, title: s.title, stderr: '' });
    }
  });

  it('gcloud create-cred-config names the provider and the service account of the stack, and the token source of the runtime', () => {
    const cred = (name: string) => runStubbed(snippetsOf(name).find((s) => s.title.startsWith('Google Cloud credential'))?.text ?? '')[0];
    const provider = (name: string) => stack.output[`${name}_gcp_workload_identity_provider`].value;
    expect(cred('lambda')).toEqual(['gcloud', 'iam', 'workload-identity-pools', 'create-cred-config', provider('lambda'), '--service-account=acme-dev-lambda@acme-dev.iam.gserviceaccount.com', '--aws', '--enable-imdsv2', '--output-file=gcp-credentials.json']);
    expect(cred('fn')).toContain('--azure');
    expect(cred('other')).toContain('--credential-source-file=/var/run/secrets/tokens/gcp-token');
  });

  it('Terraform Cloud variables: the run phase the identity trusts, values of the stack, names kept in a comment', () => {
    const [tfc] = snippetsOf('tfc');
    const lines = tfc.text.trim().split('\n');
    expect(lines[0].startsWith('#')).toBe(true);
    const env = spawnSync('bash', ['-c', `terraform() { printf 'OUT'; }\nset -a\n${tfc.text}\nenv -0`], { encoding: 'utf8' });
    const vars = Object.fromEntries(env.stdout.split('\0').filter((l) => l.startsWith('TFC_') || l.startsWith('ARM_')).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    expect(vars).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_APPLY_ROLE_ARN: 'arn:aws:iam::111111111111:role/acme-dev-tfc',
      TFC_GCP_PROVIDER_AUTH: 'true',
      TFC_GCP_WORKLOAD_PROVIDER_NAME: stack.output.tfc_gcp_workload_identity_provider.value,
      TFC_GCP_APPLY_SERVICE_ACCOUNT_EMAIL: 'acme-dev-tfc@acme-dev.iam.gserviceaccount.com',
      TFC_AZURE_PROVIDER_AUTH: 'true',
      TFC_AZURE_APPLY_CLIENT_ID: 'OUT',
      ARM_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
      ARM_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
    });
  });

  it('Azure Functions: identity-based Service Bus connection settings with the client id of the identity', () => {
    const settings = snippetsOf('fn').find((s) => s.title.startsWith('App settings'));
    const [[, ...words]] = runStubbed(settings?.text ?? '');
    expect(words.slice(words.indexOf('--settings') + 1)).toEqual([
      'AZURE_CLIENT_ID=OUT',
      'ServiceBus_sb_acme_ns__fullyQualifiedNamespace=sb-acme-ns.servicebus.windows.net',
      'ServiceBus_sb_acme_ns__credential=managedidentity',
      'ServiceBus_sb_acme_ns__clientId=OUT',
    ]);
  });

  it('AWS web identity from Google Cloud: the role ARN and a token file written from the metadata server', () => {
    const env = snippetsOf('run').find((s) => s.title === 'Environment for AWS web identity');
    expect(env?.text).toContain('export AWS_ROLE_ARN=arn:aws:iam::111111111111:role/acme-dev-run\n');
    expect(env?.text).toContain('export AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/tokens/aws-token\n');
    expect(env?.text).toContain('audience=sts.amazonaws.com');
  });
});

describe('Markdown', () => {
  it('every snippet of the JSON twin is in the Markdown file, inside a fence no snippet can close', () => {
    const md = fs.readFileSync(path.join(outdir, 'wiring', 'acme-dev.md'), 'utf8');
    for (const s of allSnippets()) {
      const at = md.indexOf(s.text);
      expect(at).toBeGreaterThan(0);
      const fence = /(`{3,})[a-z]*\n$/.exec(md.slice(0, at))?.[1] ?? '';
      expect(fence.length).toBeGreaterThan(Math.max(0, ...[...s.text.matchAll(/`+/g)].map((m) => m[0].length)));
    }
  });
});
