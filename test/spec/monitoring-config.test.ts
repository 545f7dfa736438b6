import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';
import { example } from '../helpers/synth';

const base = (envMonitoring: string, workloadMonitoring = '') => `
app: shop
environments:
  dev:
    aws: { accountId: "555555555555", region: eu-central-1 }
    monitoring: ${envMonitoring}
workloads:
  api:
    description: d
    owner: o
    runsOn: { aws: lambda }
    access: []
    ${workloadMonitoring}
`;

const problems = (yaml: string) => {
  try {
    parseSpec(yaml, 'test.yaml');
    return [];
  } catch (err) {
    return (err as ConfigError).problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  }
};

describe('the monitoring config', () => {
  it('defaults to 1 denied call in 5 minutes and 90 days of logs', () => {
    const env = parseSpec(example('identity.yaml')).environments[0];
    expect(env.monitoring).toMatchObject({ deniedCalls: { threshold: 1, windowMinutes: 5 }, retentionDays: 90, webhooks: [] });
    expect(env.workloads[0].monitoring).toEqual({ deniedCalls: { threshold: 1, windowMinutes: 5 } });
  });

  it('lets a workload override the threshold or window alone', () => {
    const spec = parseSpec(base('{ notify: [a@example.com], deniedCalls: { threshold: 4 } }', 'monitoring: { deniedCalls: { windowMinutes: 60 } }'));
    expect(spec.environments[0].workloads[0].monitoring.deniedCalls).toEqual({ threshold: 4, windowMinutes: 60 });
  });

  it('needs a reason of 10+ characters to opt out', () => {
    expect(problems(base('{ notify: [a@example.com] }', 'monitoring: { optOut: "  testing " }'))).toEqual([
      'workloads.api.monitoring.optOut: "  testing " is too short: an opt-out must say why in at least 10 visible characters',
    ]);
    expect(parseSpec(base('{ notify: [a@example.com] }', 'monitoring: { optOut: "short-lived load test" }')).environments[0].workloads[0].monitoring.optOut).toBe(
      'short-lived load test',
    );
  });

  it('rejects windows some cloud cannot evaluate, and options for a cloud the environment lacks', () => {
    const found = problems(base('{ notify: [a@example.com], deniedCalls: { windowMinutes: 7 }, gcp: { notificationChannels: [projects/shop-dev-1/notificationChannels/1] } }'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^environments\.dev\.monitoring\.deniedCalls\.windowMinutes: 7 is not one of 1, 5, 10/),
        'environments.dev.monitoring.gcp: sets gcp monitoring options, but the environment configures no gcp',
      ]),
    );
  });
});
