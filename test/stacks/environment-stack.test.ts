import { example, synthStacks } from '../helpers/synth';
import { config, workload } from '../helpers/configs';

describe('environment stacks', () => {
  const stacks = synthStacks(example('identity.yaml'));

  it('configures each cloud provider for its own account, project and subscription', () => {
    expect(stacks['payments-prod'].provider).toMatchObject({
      aws: [{ region: 'us-east-1', allowed_account_ids: ['222222222222'] }],
      google: [{ project: 'payments-prod', region: 'us-central1' }],
      azurerm: [{ subscription_id: '00000000-0000-0000-0000-000000000002', tenant_id: '00000000-0000-0000-0000-0000000000aa' }],
    });
  });

  it('uses a local backend by default and a named Terraform Cloud workspace where configured', () => {
    expect((stacks['payments-dev'].terraform as { backend: unknown }).backend).toEqual({ local: { path: 'terraform.payments-dev.tfstate' } });
    expect((stacks['payments-prod'].terraform as { cloud: unknown }).cloud).toEqual({
      hostname: 'app.terraform.io',
      organization: 'acme',
      workspaces: { name: 'payments-prod', project: 'payments' },
    });
  });

  it('declares only the providers an environment configures', () => {
    const awsOnly = synthStacks(example('aws-only.yaml'))['ledger-prod'];
    expect(Object.keys(awsOnly.provider ?? {})).toEqual(['aws']);
    expect((awsOnly.terraform as { required_providers: object }).required_providers).toEqual({ aws: { source: 'aws', version: '>= 5.100.0, < 7.0.0' } });
  });

  it('applies the permissions boundary, session limit and tags to every role', () => {
    const roles = stacks['payments-prod'].resource?.aws_iam_role ?? {};
    const workloads = ['invoice-renderer', 'deployer', 'invoice-notifier'];
    for (const name of workloads) {
      const role = roles[name];
      expect(role).toMatchObject({
        permissions_boundary: 'arn:aws:iam::222222222222:policy/workload-boundary',
        max_session_duration: 3600,
        tags: { app: 'payments', environment: 'prod', workload: name, owner: expect.any(String) },
      });
    }
    for (const role of Object.values(stacks['payments-dev'].resource?.aws_iam_role ?? {})) expect(role.permissions_boundary).toBeUndefined();
  });

  it('makes no monitoring sinks on a cloud where no workload of the environment has an identity', () => {
    // A Lambda with no grant elsewhere has an identity on AWS only (clouds default, DESIGN.md
    // "Which clouds"): the environment's GCP and Azure sinks would watch nothing.
    const awsOnly = synthStacks(config(workload('w', '{ aws: lambda }')))['acme-dev'].resource ?? {};
    expect(Object.keys(awsOnly).filter((type) => !type.startsWith('aws_'))).toEqual([]);
    expect(Object.keys(awsOnly)).toEqual(expect.arrayContaining(['aws_iam_role', 'aws_sns_topic', 'aws_cloudwatch_log_metric_filter']));
    // Asked for Azure too, it has an identity there, and Azure's sinks watch it.
    const withAzure = synthStacks(config(workload('w', '{ aws: lambda }', [], '    clouds: [aws, azure]\n')))['acme-dev'].resource ?? {};
    expect(Object.keys(withAzure)).toEqual(expect.arrayContaining(['azurerm_user_assigned_identity', 'azurerm_log_analytics_workspace', 'azurerm_monitor_action_group']));
    expect(Object.keys(withAzure).filter((type) => type.startsWith('google_'))).toEqual([]);
  });

  it('sets the session limit from session.maxMinutes', () => {
    const stack = synthStacks(config(workload('w', '{ aws: lambda }', [], '    session: { maxMinutes: 180 }\n')))['acme-dev'];
    expect(stack.resource?.aws_iam_role.w.max_session_duration).toBe(10800);
  });

  it('tags GCP service accounts through their description (they take no labels)', () => {
    const sa = stacks['payments-dev'].resource?.google_service_account['invoice-renderer'];
    expect(sa).toMatchObject({ account_id: 'payments-dev-invoice-renderer', project: 'payments-dev' });
    expect(sa?.description).toBe('Renders invoices to PDF [app=payments environment=dev workload=invoice-renderer owner=team-billing]');
  });
});
