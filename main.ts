/**
 * The cdktf app: loads the config named by IDENTITY_CONFIG (default: the embedded example),
 * builds one stack per environment, synthesizes them and runs the guardrails. A config
 * problem is printed with its path and the process exits 1 before anything is written; a
 * guardrail error (or a suppression that matches nothing) is printed with its fix, the
 * reports stay in the output directory and the stacks are removed, exit 1.
 */
import { consoleReport } from './lib/guardrails/console-report';
import { ConfigError } from './lib/spec/config-error';
import { DEFAULT_CONFIG, loadSpec } from './lib/spec/load';
import { withoutTokenStackTraces } from './lib/token-stack-traces';
import { synthesize } from './stacks/synth';

try {
  const configFile = process.env.IDENTITY_CONFIG || DEFAULT_CONFIG;
  const { result, failed, reportDir } = withoutTokenStackTraces(() => synthesize(loadSpec(configFile), { configFile }));
  (failed ? process.stderr : process.stdout).write(consoleReport(result, reportDir));
  if (failed) process.exitCode = 1;
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
