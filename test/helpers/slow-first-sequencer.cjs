/**
 * Jest runs the slowest test files first once its cache knows their durations; a fresh clone has
 * no cache, and a long file started last leaves one of the two cores idle at the end. This
 * sequencer puts the files listed in SLOWEST (measured CPU time, slowest first) ahead, then the
 * rest in Jest's own order. A file missing from the tree is ignored; a new slow file belongs here.
 */
'use strict';
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default; // jest's own base class, pinned with jest in package.json

const SLOWEST = [
  'terraform.test.ts',
  'safety/output-faults.test.ts',
  'safety/no-user-expressions.test.ts',
  'safety/hostile-input.test.ts',
  'aws/existing-oidc-providers.test.ts',
  'monitoring/azure-kql.test.ts',
  'synth-launcher.test.ts',
  'review/git-repo-base.test.ts',
  'gcp/attribute-condition.test.ts',
  'safety/limits.test.ts',
  'guardrails/peer-cases.test.ts',
  'wiring/every-identity.test.ts',
  'review/git-base.test.ts',
  'stacks/sharded-environment.test.ts',
  'aws/role-policies.test.ts',
  'token-release.test.ts',
  'gcp/monitoring-api-rules.test.ts',
  'safety/prototype-keys.test.ts',
  'aws/api-limits.test.ts',
  'azure/monitoring-limits.test.ts',
  'sources/source-lists.test.ts',
  'safety/cloud-faults.test.ts',
  'aws/statement-ids.test.ts',
  'spec/schema-validator.test.ts',
  'review/access-model.test.ts',
  'spec/gcp-limits.test.ts',
  'main.test.ts',
  'stacks/workspace-variables.test.ts',
  'gcp/federation-api-rules.test.ts',
  'safety/protection.test.ts',
  'spec/derived-names.test.ts',
];
const TEST_ROOT = path.join(__dirname, '..');

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = SLOWEST.indexOf(path.relative(TEST_ROOT, t.path).split(path.sep).join('/'));
      return i === -1 ? SLOWEST.length : i;
    };
    const ordered = super.sort(tests);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
