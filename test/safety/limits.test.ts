import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../lib/spec/config-error';
import { MAX_CONFIG_BYTES, loadSpec, parseSpec } from '../../lib/config/load';
import { hugeConfig } from './huge-config';

describe('huge configs work or fail clearly, never hang', () => {
  it('refuses a file over the size limit before parsing it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wi-big-')), 'big.yaml');
    fs.writeFileSync(file, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    const started = Date.now();
    expect(() => loadSpec(file)).toThrow(ConfigError);
    expect(() => loadSpec(file)).toThrow(/the limit is 16777216/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('loads 2,501 workloads in each of two environments of one subscription, and refuses what Azure Monitor would refuse of them', () => {
    // Every one of them is an Azure identity with a denied-calls rule on its environment's workspace:
    // Azure allows 1,000 rules per workspace and 5,000 per subscription (lib/azure/monitoring-limits.ts),
    // so two environments of 2,501 in one subscription break both. How fast a load this size runs is
    // measured by `npm run bench` (bench/run.ts), not asserted here.
    const oneSubscription = hugeConfig(2_501).replaceAll('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001');
    const refused = (() => {
      try {
        parseSpec(oneSubscription);
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(refused).toMatch(/environments\.dev: 2,501 Azure identities .* at most 1,000/);
    expect(refused).toMatch(/environments\.dev\.azure\.subscriptionId: 5,002 Azure identities .* in subscription 00000000-0000-0000-0000-000000000001 \(dev, prod\): Azure allows at most 5,000/);
  }, 90_000);

  it('refuses an alias bomb and absurd nesting with a ConfigError', () => {
    // Nine levels of ten aliases each: 10^9 nodes from a file of a few hundred bytes.
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const bomb = ['l0: &l0 [x]', ...levels].join('\n');
    expect(() => parseSpec(bomb)).toThrow(/aliases expand the file from \d+ to \d+ nodes; they may add at most 100000/);
    expect(() => parseSpec(`app: ${'['.repeat(20_000)}${']'.repeat(20_000)}`)).toThrow(ConfigError);
  });
});
