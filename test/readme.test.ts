/** The README's mapping table says what the tables do: a row per level naming its native grants. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { awsRules, azureRule, gcpRule } from '../lib/kinds';
import { EVERY_LEVEL } from './helpers/every-level';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README mapping table', () => {
  it.each(EVERY_LEVEL.map(([k, l]) => [`${k} / ${l}`, k, l]))('%s names every native grant', (row, kind, level) => {
    const line = readme.split('\n').find((l) => l.startsWith(`| ${row} |`));
    expect(line).toBeDefined();
    for (const rule of awsRules(kind, level)) {
      for (const action of rule.actions) expect(line).toContain(`\`${action}\``);
    }
    const gcp = gcpRule(kind, level);
    expect(line).toContain('role' in gcp ? `\`${gcp.role}\`` : gcp.custom.id);
    const azure = azureRule(kind, level);
    expect(line).toContain('role' in azure ? azure.role : azure.custom.name);
  });
});
