/**
 * A GitHub Actions workflow whose job gets the workload's credentials on each of its clouds:
 * `permissions: id-token: write`, then aws-actions/configure-aws-credentials (role-to-assume),
 * google-github-actions/auth (workload_identity_provider, service_account) and azure/login
 * (client-id, tenant-id, subscription-id). A value known only after apply is read from a
 * repository variable, and a `gh variable set` command fills it from the stack output.
 * Pin the actions by commit in your repository, as this project's own workflows do.
 */
import { stringify } from 'yaml';
import type { OidcSource } from '../spec/types';
import { githubStringLiteral, shellCommand } from './quote';
import { githubFields } from './source-fields';
import type { Snippet, WiringContext, WiringValue } from './wiring-context';
import { shellValue } from './wiring-context';

/** The repository variable holding an output in GitHub (`[A-Z0-9_]`, not starting with GITHUB_): `WI_<APP>_<ENV>_<OUTPUT>`. */
export function githubVariableName(app: string, env: string, output: string): string {
  return `WI_${app}_${env}_${output}`.toUpperCase().replace(/-/g, '_');
}

/** The workflow and, where values are known only after apply, the commands that set its variables. */
export function githubActionsSnippets(ctx: WiringContext): Snippet[] {
  const source = ctx.source as OidcSource;
  const fields = githubFields(source);
  const variables: { name: string; value: WiringValue }[] = [];
  const use = (value: WiringValue): string => {
    if ('known' in value) return value.known;
    const name = githubVariableName(ctx.app, ctx.env.name, value.output);
    variables.push({ name, value });
    return `\${{ vars.${name} }}`;
  };

  const steps: Record<string, unknown>[] = [];
  if (ctx.has('aws')) {
    steps.push({
      name: 'AWS credentials',
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: { 'role-to-assume': use(ctx.required('aws', 'role_arn')), 'aws-region': (ctx.env.aws as NonNullable<typeof ctx.env.aws>).region },
    });
  }
  if (ctx.has('gcp')) {
    steps.push({
      name: 'Google Cloud credentials',
      uses: 'google-github-actions/auth@v2',
      with: {
        workload_identity_provider: use(ctx.required('gcp', 'workload_identity_provider')),
        service_account: use(ctx.required('gcp', 'service_account_email')),
        ...(source.audience.gcp && { audience: source.audience.gcp }),
      },
    });
  }
  if (ctx.has('azure')) {
    steps.push({
      name: 'Azure credentials',
      uses: 'azure/login@v2',
      with: {
        'client-id': use(ctx.required('azure', 'client_id')),
        'tenant-id': use(ctx.required('azure', 'tenant_id')),
        'subscription-id': (ctx.env.azure as NonNullable<typeof ctx.env.azure>).subscriptionId,
      },
    });
  }
  const job = {
    'runs-on': 'ubuntu-latest',
    // The identity trusts exactly this environment or ref (the token's sub claim).
    ...(fields.environment !== undefined ? { environment: fields.environment } : { if: `github.ref == ${githubStringLiteral(fields.ref as string)}` }),
    permissions: { 'id-token': 'write', contents: 'read' },
    steps,
  };
  const workflow = { name: `${ctx.app} ${ctx.env.name} ${ctx.workload.name}`, on: { workflow_dispatch: {} }, jobs: { [ctx.workload.name]: job } };
  const snippets: Snippet[] = [{ title: 'GitHub Actions workflow (.github/workflows/<name>.yml)', language: 'yaml', text: stringify(workflow, { lineWidth: 0 }) }];
  if (variables.length) {
    // A repository written with GitHub's ids (OWNER@ID/REPO@ID) is not a name gh accepts: run it in a clone.
    const repo = /^[^@/]+\/[^@/]+$/.test(fields.repository) ? ['--repo', fields.repository] : [];
    const text = variables.map((v) => shellCommand(['gh', 'variable', 'set', v.name, ...repo, '--body', shellValue(v.value)])).join('\n');
    snippets.push({ title: 'After apply: the repository variables the workflow reads', language: 'shell', text: `${text}\n` });
  }
  return snippets;
}
