/**
 * Jest setup (jest.config.js `setupFiles`): cdktf validates a stack with a Terraform Cloud
 * `cloud` block by running `terraform version` (cdktf/lib/validations/validate-binary-version.js,
 * `execSync`) at every synth with validations on, as the tests' synths run. Forking a test
 * worker's large heap for it cost about 4 s of the suite's CPU over a few hundred synths. The
 * answer cannot change during a run, so each worker process runs each version command once and
 * every later validation gets the same answer (the validation itself, and its messages, are cdktf's).
 */
'use strict';
const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version');

// Shared by the test files of one worker: each file has its own module registry, one process.
const answers = (process.__workloadIdentityBinaryVersions ??= new Map());
const validate = ValidateBinaryVersion.prototype.validate;
ValidateBinaryVersion.prototype.validate = function validateOnce() {
  const key = JSON.stringify([this.versionCommand, this.versionConstraint, this.hint]);
  if (!answers.has(key)) answers.set(key, validate.call(this));
  return answers.get(key);
};
