/**
 * The cdktf app: loads the config named by IDENTITY_CONFIG (default: the embedded example),
 * builds one stack per environment and synthesizes them. A config problem is printed with its
 * path and the process exits 1 before anything is written.
 */
import { ConfigError } from './lib/spec/config-error';
import { loadSpecFromEnv } from './lib/spec/load';
import { withoutTokenStackTraces } from './lib/token-stack-traces';
import { buildApp } from './stacks/app';

try {
  withoutTokenStackTraces(() => buildApp(loadSpecFromEnv()).app.synth());
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
